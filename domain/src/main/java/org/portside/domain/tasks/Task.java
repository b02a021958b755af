package org.portside.domain.tasks;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.PreconditionFailed;
import org.portside.domain.shared.Require;

/**
 * A scheduled task. Immutable: every change returns a new {@code Task} with the next
 * {@link #version()} (an unchanged task keeps its version). When several rules are broken at once the
 * first of invalid input (400), stale precondition (412), conflict with the state (409) is reported.
 *
 * <p>A worker runs a task under a {@link Lease}: the claim hands out a fresh token, and every later
 * step of that run (heartbeat, complete, fail) must show it while it is still valid. A lease that
 * expired, or that a change by hand cleared, is lost for good: the task may already run elsewhere,
 * so the late worker is refused ({@code lease-lost}) instead of overwriting what the new run does.
 */
public final class Task {

    private final TaskId id;
    private final Instant start;
    private final Optional<Title> title;
    private final Worker worker;
    private final TaskStatus status;
    private final Payload payload;
    private final long version;
    private final Retries retries;
    private final int attempt;
    private final Optional<Lease> lease;
    private final Optional<Failure> lastError;

    private Task(TaskId id, Instant start, Optional<Title> title, Worker worker, TaskStatus status, Payload payload,
                 long version, Retries retries, int attempt, Optional<Lease> lease, Optional<Failure> lastError) {
        this.id = Require.nonNull(id, "id");
        this.start = Require.nonNull(start, "start").truncatedTo(ChronoUnit.SECONDS);
        this.title = Require.nonNull(title, "title");
        this.worker = Require.nonNull(worker, "worker");
        this.status = Require.nonNull(status, "status");
        this.payload = Require.nonNull(payload, "payload");
        this.version = version;
        this.retries = Require.nonNull(retries, "retries");
        this.attempt = attempt;
        this.lease = Require.nonNull(lease, "lease");
        this.lastError = Require.nonNull(lastError, "lastError");
        if (lease.isPresent() && status != TaskStatus.RUNNING) {
            throw new IllegalArgumentException("only a RUNNING task holds a lease, not a " + status + " one");
        }
    }

    /** A new task, SCHEDULED, whose start (to the second) must be after {@code now}. */
    public static Task schedule(TaskId id, Instant start, Optional<Title> title, Worker worker, Payload payload,
                                Retries retries, Instant now) {
        requireFuture(start, now);
        return new Task(id, start, title, worker, TaskStatus.SCHEDULED, payload, 1, retries, 0, Optional.empty(), Optional.empty());
    }

    /** A new task with the default retries. */
    public static Task schedule(TaskId id, Instant start, Optional<Title> title, Worker worker, Payload payload, Instant now) {
        return schedule(id, start, title, worker, payload, Retries.DEFAULT, now);
    }

    /** A task as it was stored; no rule about the present applies. */
    public static Task restore(TaskId id, Instant start, Optional<Title> title, Worker worker, TaskStatus status,
                               Payload payload, long version, Retries retries, int attempt, Optional<Lease> lease,
                               Optional<Failure> lastError) {
        return new Task(id, start, title, worker, status, payload, version, retries, attempt, lease, lastError);
    }

    /** A task as it was stored, never run, with the default retries. */
    public static Task restore(TaskId id, Instant start, Optional<Title> title, Worker worker, TaskStatus status,
                               Payload payload, long version) {
        return restore(id, start, title, worker, status, payload, version, Retries.DEFAULT, 0, Optional.empty(), Optional.empty());
    }

    /**
     * Applies a PATCH. A new start must be in the future; a retry (FAILED → SCHEDULED) needs the
     * resulting start in the future too; then {@code ifMatch} must be the current version; then the
     * status change must be allowed. A status change by hand ends the current lease (the worker
     * holding it is refused from then on); a retry by hand grants a fresh set of attempts.
     */
    public Task apply(TaskChanges changes, Instant now, Optional<Long> ifMatch) {
        changes.start().ifPresent(s -> requireFuture(s, now));
        Retries newRetries = new Retries(changes.maxAttempts().orElse(retries.maxAttempts()),
                changes.backoffSeconds().orElse(retries.backoffSeconds()));
        TaskStatus target = changes.status().orElse(status);
        Instant newStart = changes.start().orElse(start);
        if (status == TaskStatus.FAILED && target == TaskStatus.SCHEDULED && !truncate(newStart).isAfter(now)) {
            throw Invalid.field("start", "must be in the future to retry a FAILED task; set a new start in the same request");
        }
        requireVersion(ifMatch);
        if (!status.canBecome(target)) {
            throw new Conflict("illegal-transition", "a " + status + " task cannot become " + target
                    + (status.next().isEmpty() ? " (" + status + " is final)" : "; allowed: " + status.next()));
        }
        boolean statusChanged = target != status;
        int newAttempt = status == TaskStatus.FAILED && target == TaskStatus.SCHEDULED ? 0 : attempt;
        return changed(newStart, changes.title().orElse(title), changes.worker().orElse(worker), target, payload,
                newRetries, newAttempt, statusChanged ? Optional.empty() : lease, lastError);
    }

    /** Each first-level key of {@code patch} added or replaced. */
    public Task mergePayload(Payload patch, Optional<Long> ifMatch) {
        Payload merged = payload.merge(patch); // 400 first: a payload that grows too large
        requireVersion(ifMatch);
        return changed(start, title, worker, status, merged, retries, attempt, lease, lastError);
    }

    /** @throws org.portside.domain.shared.NotFound if the payload has no such key */
    public Task removePayloadKey(String key, Optional<Long> ifMatch) {
        Payload rest = payload.without(key); // 404 outranks 412
        requireVersion(ifMatch);
        return changed(start, title, worker, status, rest, retries, attempt, lease, lastError);
    }

    /** @throws Conflict while the task is RUNNING */
    public void requireDeletable(Optional<Long> ifMatch) {
        requireVersion(ifMatch);
        if (status == TaskStatus.RUNNING) {
            throw new Conflict("task-running", "a RUNNING task cannot be deleted; let it end (SUCCEEDED or FAILED) first");
        }
    }

    /**
     * From when the task is due to be handed out: a SCHEDULED task at its start, a leased RUNNING one
     * when its lease expires; never for the others (finished, or RUNNING by hand without a lease).
     */
    public Optional<Instant> dueAt() {
        return switch (status) {
            case SCHEDULED -> Optional.of(start);
            case RUNNING -> lease.map(Lease::expires);
            case SUCCEEDED, FAILED -> Optional.empty();
        };
    }

    /** Whether {@code claimer} may claim it at {@code now}: its worker, and due. */
    public boolean isDueFor(Worker claimer, Instant now) {
        return worker.equals(claimer) && dueAt().filter(due -> !due.isAfter(now)).isPresent();
    }

    /** Whether it is RUNNING under a lease that has expired at {@code now}. */
    public boolean hasExpiredLease(Instant now) {
        return status == TaskStatus.RUNNING && lease.filter(l -> l.isExpiredAt(now)).isPresent();
    }

    /**
     * Hands the task out for one more attempt: a due SCHEDULED task becomes RUNNING under a new lease
     * of {@code duration} from {@code now}.
     */
    public Task claim(Instant now, Duration duration, LeaseToken token) {
        if (status != TaskStatus.SCHEDULED) {
            throw new Conflict("illegal-transition", "a " + status + " task cannot be claimed");
        }
        if (start.isAfter(now)) {
            throw new Conflict("not-due", "the task is not due before " + start);
        }
        return changed(start, title, worker, TaskStatus.RUNNING, payload, retries, attempt + 1,
                Optional.of(new Lease(token, now.plus(duration))), lastError);
    }

    /**
     * Ends a run whose lease expired without word from its worker: SCHEDULED again (due at once) if
     * attempts are left, else FAILED.
     */
    public Task expireLease(Instant now) {
        if (!hasExpiredLease(now)) {
            throw new IllegalStateException("task " + id + " has no expired lease at " + now);
        }
        Failure why = new Failure("lease expired at " + lease.get().expires() + " (attempt " + attempt + ")");
        TaskStatus next = retries.allowAfter(attempt) ? TaskStatus.SCHEDULED : TaskStatus.FAILED;
        return changed(start, title, worker, next, payload, retries, attempt, Optional.empty(), Optional.of(why));
    }

    /** The lease holder is still at work: the lease now ends {@code duration} from {@code now}. */
    public Task heartbeat(LeaseToken token, Instant now, Duration duration) {
        requireLease(token, now);
        return changed(start, title, worker, status, payload, retries, attempt,
                Optional.of(new Lease(token, now.plus(duration))), lastError);
    }

    /** The lease holder finished: SUCCEEDED. */
    public Task complete(LeaseToken token, Instant now) {
        requireLease(token, now);
        return changed(start, title, worker, TaskStatus.SUCCEEDED, payload, retries, attempt, Optional.empty(), lastError);
    }

    /**
     * The lease holder gave up on this attempt: if {@code retry} and attempts are left, SCHEDULED again
     * after the back-off ({@code uniform} in [0, 1) picks the jitter); else FAILED.
     */
    public Task fail(LeaseToken token, Instant now, Optional<Failure> error, boolean retry, double uniform) {
        requireLease(token, now);
        if (retry && retries.allowAfter(attempt)) {
            Instant again = now.plus(retries.delayAfter(attempt, uniform));
            return changed(again, title, worker, TaskStatus.SCHEDULED, payload, retries, attempt, Optional.empty(), error);
        }
        return changed(start, title, worker, TaskStatus.FAILED, payload, retries, attempt, Optional.empty(), error);
    }

    private void requireLease(LeaseToken token, Instant now) {
        Optional<Lease> current = lease.filter(l -> l.token().equals(token));
        if (current.isEmpty()) {
            throw new Conflict("lease-lost", "that lease is not the task's current one (it expired and the task was "
                    + "handed out again, or the task was changed by hand); stop working on it");
        }
        if (current.get().isExpiredAt(now)) {
            throw new Conflict("lease-lost", "that lease expired at " + current.get().expires()
                    + "; the task may be handed out again, so stop working on it");
        }
    }

    private Task changed(Instant newStart, Optional<Title> newTitle, Worker newWorker, TaskStatus newStatus, Payload newPayload,
                         Retries newRetries, int newAttempt, Optional<Lease> newLease, Optional<Failure> newLastError) {
        Task next = new Task(id, newStart, newTitle, newWorker, newStatus, newPayload, version, newRetries, newAttempt,
                newLease, newLastError);
        return next.sameStateAs(this) ? this : new Task(id, newStart, newTitle, newWorker, newStatus, newPayload, version + 1,
                newRetries, newAttempt, newLease, newLastError);
    }

    private boolean sameStateAs(Task other) {
        return start.equals(other.start) && title.equals(other.title) && worker.equals(other.worker)
                && status == other.status && payload.equals(other.payload) && retries.equals(other.retries)
                && attempt == other.attempt && lease.equals(other.lease) && lastError.equals(other.lastError);
    }

    private void requireVersion(Optional<Long> ifMatch) {
        if (ifMatch.isPresent() && ifMatch.get() != version) {
            throw new PreconditionFailed("stale-etag", "the task has changed since version " + ifMatch.get()
                    + " (it is at version " + version + "); read it again");
        }
    }

    private static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    private static void requireFuture(Instant start, Instant now) {
        if (!truncate(start).isAfter(now)) {
            throw Invalid.field("start", "must be in the future (now is " + truncate(now) + ")");
        }
    }

    public TaskId id() {
        return id;
    }

    public Instant start() {
        return start;
    }

    public Optional<Title> title() {
        return title;
    }

    public Worker worker() {
        return worker;
    }

    public TaskStatus status() {
        return status;
    }

    public Payload payload() {
        return payload;
    }

    /** Grows by one with every change; the ETag is derived from it. */
    public long version() {
        return version;
    }

    public Retries retries() {
        return retries;
    }

    /** How many times it was handed out: 0 before the first claim. */
    public int attempt() {
        return attempt;
    }

    /** The current lease, while a worker holds one. */
    public Optional<Lease> lease() {
        return lease;
    }

    /** Why the last attempt failed, if one did. */
    public Optional<Failure> lastError() {
        return lastError;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Task t && t.id.equals(id) && t.version == version && t.sameStateAs(this);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Task[" + id + " " + status + " worker=" + worker + " start=" + start + " attempt=" + attempt + " v" + version + "]";
    }
}

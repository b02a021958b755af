package org.portside.domain.tasks;

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
 */
public final class Task {

    private final TaskId id;
    private final Instant start;
    private final Optional<Title> title;
    private final Worker worker;
    private final TaskStatus status;
    private final Payload payload;
    private final long version;

    private Task(TaskId id, Instant start, Optional<Title> title, Worker worker, TaskStatus status, Payload payload,
                 long version) {
        this.id = Require.nonNull(id, "id");
        this.start = Require.nonNull(start, "start").truncatedTo(ChronoUnit.SECONDS);
        this.title = Require.nonNull(title, "title");
        this.worker = Require.nonNull(worker, "worker");
        this.status = Require.nonNull(status, "status");
        this.payload = Require.nonNull(payload, "payload");
        this.version = version;
    }

    /** A new task, SCHEDULED, whose start (to the second) must be after {@code now}. */
    public static Task schedule(TaskId id, Instant start, Optional<Title> title, Worker worker, Payload payload, Instant now) {
        requireFuture(start, now);
        return new Task(id, start, title, worker, TaskStatus.SCHEDULED, payload, 1);
    }

    /** A task as it was stored; no rule about the present applies. */
    public static Task restore(TaskId id, Instant start, Optional<Title> title, Worker worker, TaskStatus status,
                               Payload payload, long version) {
        return new Task(id, start, title, worker, status, payload, version);
    }

    /**
     * Applies a PATCH. A new start must be in the future; a retry (FAILED → SCHEDULED) needs the
     * resulting start in the future too; then {@code ifMatch} must be the current version; then the
     * status change must be allowed.
     */
    public Task apply(TaskChanges changes, Instant now, Optional<Long> ifMatch) {
        changes.start().ifPresent(s -> requireFuture(s, now));
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
        return changed(newStart, changes.title().orElse(title), changes.worker().orElse(worker), target, payload);
    }

    /** Each first-level key of {@code patch} added or replaced. */
    public Task mergePayload(Payload patch, Optional<Long> ifMatch) {
        Payload merged = payload.merge(patch); // 400 first: a payload that grows too large
        requireVersion(ifMatch);
        return changed(start, title, worker, status, merged);
    }

    /** @throws org.portside.domain.shared.NotFound if the payload has no such key */
    public Task removePayloadKey(String key, Optional<Long> ifMatch) {
        Payload rest = payload.without(key); // 404 outranks 412
        requireVersion(ifMatch);
        return changed(start, title, worker, status, rest);
    }

    /** @throws Conflict while the task is RUNNING */
    public void requireDeletable(Optional<Long> ifMatch) {
        requireVersion(ifMatch);
        if (status == TaskStatus.RUNNING) {
            throw new Conflict("task-running", "a RUNNING task cannot be deleted; let it end (SUCCEEDED or FAILED) first");
        }
    }

    /** Whether {@code worker} may claim it at {@code now}: SCHEDULED, for that worker, start reached. */
    public boolean isDueFor(Worker claimer, Instant now) {
        return status == TaskStatus.SCHEDULED && worker.equals(claimer) && !start.isAfter(now);
    }

    /** Hands the task out: SCHEDULED → RUNNING. */
    public Task claim() {
        if (status != TaskStatus.SCHEDULED) {
            throw new Conflict("illegal-transition", "a " + status + " task cannot be claimed");
        }
        return changed(start, title, worker, TaskStatus.RUNNING, payload);
    }

    private Task changed(Instant newStart, Optional<Title> newTitle, Worker newWorker, TaskStatus newStatus, Payload newPayload) {
        Task next = new Task(id, newStart, newTitle, newWorker, newStatus, newPayload, version);
        return next.sameStateAs(this) ? this : new Task(id, newStart, newTitle, newWorker, newStatus, newPayload, version + 1);
    }

    private boolean sameStateAs(Task other) {
        return start.equals(other.start) && title.equals(other.title) && worker.equals(other.worker)
                && status == other.status && payload.equals(other.payload);
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
        return "Task[" + id + " " + status + " worker=" + worker + " start=" + start + " v" + version + "]";
    }
}

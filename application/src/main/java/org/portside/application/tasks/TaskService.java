package org.portside.application.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.portside.application.shared.Batches;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.application.tasks.port.in.ExpireLeases;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.in.GetTask;
import org.portside.application.tasks.port.in.MergePayload;
import org.portside.application.tasks.port.in.PatchTask;
import org.portside.application.tasks.port.in.ReadTaskHistory;
import org.portside.application.tasks.port.in.ReadTaskStats;
import org.portside.application.tasks.port.in.RemovePayloadKey;
import org.portside.application.tasks.port.in.RemoveTask;
import org.portside.application.tasks.port.in.RunTask;
import org.portside.application.tasks.port.in.ScheduleTask;
import org.portside.application.tasks.port.out.RecentTasks;
import org.portside.application.tasks.port.out.TaskEvents;
import org.portside.application.tasks.port.out.TaskHistory;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.domain.shared.DomainException;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;
import org.portside.domain.tasks.Failure;
import org.portside.domain.tasks.Lease;
import org.portside.domain.tasks.LeaseToken;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskChanges;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Worker;

/**
 * The task use cases. A change of one task reads it and writes it back only if it is still the version
 * read, working the change out again when another came first, so concurrent changes (two payload keys
 * patched at once) serialise and none is lost; claims and the sweep lock the tasks they take. Events
 * are told only once what they tell is committed. What it writes it keeps as hints
 * ({@link RecentTasks}), from which the next change of that task starts instead of a read.
 */
public final class TaskService implements ScheduleTask, GetTask, FindTasks, PatchTask, RemoveTask, MergePayload,
        RemovePayloadKey, ClaimDueTasks, RunTask, ExpireLeases, ReadTaskHistory, ReadTaskStats {

    private final TaskStore store;
    private final TaskHistory history;
    private final TaskEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final RecentTasks recent;
    private final Executor blocking;
    private final Batches<TaskStore.Replacement, Boolean> replacements;
    private final Batches<Task, Task> schedules;
    /** The stats read in progress, if one is (see {@link #stats}). */
    private final AtomicReference<CompletableFuture<Stats>> statsRead = new AtomicReference<>();

    /**
     * @param history where the events that the store's writes append are read back and pruned
     * @param events  who is told of changes once they are committed (a log, say)
     * @param jitter  uniform random numbers in [0, 1), placing each retry's back-off in its jitter band
     * @param recent  the tasks as this service last wrote them: a change starts from there when it can,
     *                a read of the store less (see {@link RecentTasks})
     */
    public TaskService(TaskStore store, TaskHistory history, TaskEvents events, Transactions transactions, Clock clock,
                       DoubleSupplier jitter, RecentTasks recent) {
        this(store, history, events, transactions, clock, jitter, recent, Runnable::run, Batches.Limits.WRITES);
    }

    /**
     * @param blocking      where the {@code submit…} reports and schedules run; the writes of those that
     *                      wait for the database together share one statement and one commit
     * @param reportBatches how many reports (or new tasks) a statement writes at most, how many such
     *                      statements run at once
     */
    public TaskService(TaskStore store, TaskHistory history, TaskEvents events, Transactions transactions, Clock clock,
                       DoubleSupplier jitter, RecentTasks recent, Executor blocking, Batches.Limits reportBatches) {
        this.store = store;
        this.history = history;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.jitter = jitter;
        this.recent = recent;
        this.blocking = blocking;
        this.replacements = new Batches<>(this::replaceAll, blocking, reportBatches);
        this.schedules = new Batches<>(this::scheduleAll, blocking, reportBatches);
    }

    /** Without hints: every change reads its task first. */
    public TaskService(TaskStore store, TaskHistory history, TaskEvents events, Transactions transactions, Clock clock,
                       DoubleSupplier jitter) {
        this(store, history, events, transactions, clock, jitter, RecentTasks.none());
    }

    /** With back-off jitter from {@link ThreadLocalRandom}. */
    public TaskService(TaskStore store, TaskHistory history, TaskEvents events, Transactions transactions, Clock clock) {
        this(store, history, events, transactions, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public Task schedule(ScheduleTask.Command command) {
        Task task = newTask(command);
        transactions.runSingleStatement(() -> store.insert(task, List.of(created(task))));
        scheduled(task);
        return task;
    }

    /** The task is made (and refused) on the caller's thread; only its write waits for the database. */
    @Override
    public CompletionStage<Task> submit(ScheduleTask.Command command) {
        return schedules.submit(newTask(command));
    }

    private Task newTask(ScheduleTask.Command command) {
        return Task.schedule(TaskId.random(), command.start(), command.title(), command.worker(), command.payload(),
                command.retries(), clock.instant());
    }

    private TaskEvent created(Task task) {
        return TaskEvent.of(task, TaskEvent.Type.CREATED, clock.instant(), null);
    }

    private void scheduled(Task task) {
        recent.keep(task);
        events.created(task);
    }

    /**
     * New tasks that waited together, stored by one statement and one commit. When it fails for any
     * reason but an outage, each is stored again by itself, so a task that cannot be stored fails
     * only its own request.
     */
    private void scheduleAll(List<Batches.Job<Task, Task>> batch) {
        List<Task> tasks = batch.stream().map(Batches.Job::command).toList();
        Batches.togetherOrOneByOne(batch, () -> {
            transactions.runSingleStatement(() -> store.insertAll(tasks, tasks.stream().map(this::created).toList()));
            for (Batches.Job<Task, Task> job : batch) {
                scheduled(job.command());
                job.answer(job.command());
            }
        }, job -> {
            Task task = job.command();
            transactions.runSingleStatement(() -> store.insert(task, List.of(created(task))));
            scheduled(task);
            return task;
        });
    }

    @Override
    public Task get(TaskId id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    @Override
    public Page find(Query query) {
        if (query.limit() < 1 || query.limit() > FindTasks.MAX_LIMIT) {
            throw Invalid.field("limit", "must be from 1 to " + FindTasks.MAX_LIMIT);
        }
        List<Task> found = store.find(query, query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new Page(found, Optional.empty());
        }
        List<Task> page = found.subList(0, query.limit());
        Task last = page.get(page.size() - 1);
        return new Page(List.copyOf(page), Optional.of(new Cursor(last.start(), last.id())));
    }

    @Override
    public Task patch(TaskId id, TaskChanges changes, Optional<Long> ifMatch) {
        return change(id, (task, now) -> task.apply(changes, now, ifMatch),
                (before, after, now) -> List.of(TaskEvent.of(after, TaskEvent.Type.CHANGED, now, describe(before, after))));
    }

    @Override
    public Task mergePayload(TaskId id, Payload patch, Optional<Long> ifMatch) {
        return change(id, (task, now) -> task.mergePayload(patch, ifMatch), (before, after, now) -> List.of(TaskEvent.of(after,
                TaskEvent.Type.PAYLOAD_CHANGED, now, "set " + String.join(", ", patch.values().keySet()))));
    }

    @Override
    public Task removePayloadKey(TaskId id, String key, Optional<Long> ifMatch) {
        return change(id, (task, now) -> task.removePayloadKey(key, ifMatch),
                (before, after, now) -> List.of(TaskEvent.of(after, TaskEvent.Type.PAYLOAD_CHANGED, now, "removed " + key)));
    }

    @Override
    public void remove(TaskId id, Optional<Long> ifMatch) {
        Task removed = transactions.inTransaction(() -> {
            Task task = store.findForUpdate(id).orElseThrow(() -> notFound(id));
            task.requireDeletable(ifMatch);
            store.delete(id, List.of(TaskEvent.of(task, TaskEvent.Type.DELETED, clock.instant(), "was " + task.status())));
            return task;
        });
        recent.forget(id);
        events.deleted(removed);
    }

    @Override
    public List<Task> claim(Worker worker, int limit, int leaseSeconds) {
        if (limit < 1 || limit > ClaimDueTasks.MAX_LIMIT) {
            throw Invalid.field("limit", "must be from 1 to " + ClaimDueTasks.MAX_LIMIT);
        }
        Duration lease = Lease.duration(leaseSeconds);
        List<Change> changes = transactions.inTransaction(() -> {
            Instant now = clock.instant();
            List<Change> done = new ArrayList<>();
            List<TaskEvent> happened = new ArrayList<>();
            for (Task due : store.lockDue(worker, now, limit)) {
                Task task = due;
                if (due.hasExpiredLease(now)) {
                    task = due.expireLease(now);
                    happened.addAll(expiry(due, task, now));
                }
                if (task.status() == TaskStatus.SCHEDULED) {
                    task = task.claim(now, lease, LeaseToken.random());
                    happened.add(TaskEvent.of(task, TaskEvent.Type.CLAIMED, now, "lease until " + task.lease().orElseThrow().expires()));
                }
                done.add(new Change(due, task));
            }
            store.update(done.stream().map(Change::after).toList(), happened);
            return done;
        });
        changes.forEach(c -> recent.keep(c.after()));
        List<Task> claimed = changes.stream().map(Change::after).filter(t -> t.status() == TaskStatus.RUNNING).toList();
        changes.stream().filter(c -> c.after().status() != TaskStatus.RUNNING)
                .forEach(c -> events.changed(c.before(), c.after())); // its last lease expired: FAILED
        if (!claimed.isEmpty()) {
            events.claimed(worker, claimed);
        }
        return claimed;
    }

    @Override
    public Task heartbeat(TaskId id, LeaseToken lease, int leaseSeconds) {
        Duration duration = Lease.duration(leaseSeconds);
        return change(id, (task, now) -> task.heartbeat(lease, now, duration), HEARTBEAT);
    }

    @Override
    public CompletionStage<Task> submitHeartbeat(TaskId id, LeaseToken lease, int leaseSeconds) {
        Duration duration = Lease.duration(leaseSeconds);
        return submitChange(id, (task, now) -> task.heartbeat(lease, now, duration), HEARTBEAT);
    }

    @Override
    public Task complete(TaskId id, LeaseToken lease) {
        return change(id, (task, now) -> task.complete(lease, now), COMPLETED);
    }

    @Override
    public CompletionStage<Task> submitComplete(TaskId id, LeaseToken lease) {
        return submitChange(id, (task, now) -> task.complete(lease, now), COMPLETED);
    }

    @Override
    public Task fail(TaskId id, LeaseToken lease, Optional<Failure> error, boolean retry) {
        double uniform = jitter.getAsDouble();
        return change(id, (task, now) -> task.fail(lease, now, error, retry, uniform), failed(error));
    }

    @Override
    public CompletionStage<Task> submitFail(TaskId id, LeaseToken lease, Optional<Failure> error, boolean retry) {
        double uniform = jitter.getAsDouble();
        return submitChange(id, (task, now) -> task.fail(lease, now, error, retry, uniform), failed(error));
    }

    private static final Recorded HEARTBEAT = (before, after, now) -> List.of(
            TaskEvent.of(after, TaskEvent.Type.HEARTBEAT, now, "lease until " + after.lease().orElseThrow().expires()));

    private static final Recorded COMPLETED = (before, after, now) -> List.of(TaskEvent.of(after, TaskEvent.Type.COMPLETED, now, null));

    private static Recorded failed(Optional<Failure> error) {
        return (before, after, now) -> {
            TaskEvent failed = TaskEvent.of(after, TaskEvent.Type.FAILED, now, error.map(Failure::value).orElse(null));
            return after.status() == TaskStatus.SCHEDULED
                    ? List.of(failed, TaskEvent.of(after, TaskEvent.Type.RETRY_SCHEDULED, now, "due at " + after.start()))
                    : List.of(failed);
        };
    }

    /**
     * Counting the tasks reads the whole table (about half a second of the database's time at a
     * million tasks), so at most one such read runs at a time: whoever asks while one is running gets
     * that read's answer, or its failure, instead of starting another. The answer is as of the moment
     * that read began: at most one read's duration before the asker asked.
     */
    @Override
    public Stats stats() {
        CompletableFuture<Stats> mine = new CompletableFuture<>();
        CompletableFuture<Stats> running = statsRead.compareAndExchange(null, mine);
        if (running != null) {
            return joined(running);
        }
        try {
            Stats read = store.stats(clock.instant());
            mine.complete(read);
            return read;
        } catch (Throwable failed) {
            mine.completeExceptionally(failed);
            throw failed;
        } finally {
            statsRead.set(null);
        }
    }

    private static Stats joined(CompletableFuture<Stats> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failed) {
                throw failed;
            }
            if (e.getCause() instanceof Error failed) {
                throw failed;
            }
            throw e;
        }
    }

    @Override
    public List<TaskEvent> history(TaskId id) {
        List<TaskEvent> kept = history.of(id);
        if (kept.isEmpty() && store.find(id).isEmpty()) {
            throw notFound(id);
        }
        return kept;
    }

    @Override
    public int pruneHistory(Duration retention, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int pruned;
        do {
            pruned = transactions.inTransaction(() -> history.pruneBefore(cutoff, batchSize));
            total += pruned;
        } while (pruned == batchSize);
        return total;
    }

    /** What the end of a run without word from its worker leaves in the history. */
    private static List<TaskEvent> expiry(Task before, Task after, Instant now) {
        TaskEvent expired = TaskEvent.of(after, TaskEvent.Type.LEASE_EXPIRED, now,
                "lease of attempt " + before.attempt() + " ended at " + before.lease().orElseThrow().expires());
        return after.status() == TaskStatus.FAILED
                ? List.of(expired, TaskEvent.of(after, TaskEvent.Type.FAILED, now, "no attempt left"))
                : List.of(expired);
    }

    /** The fields a PATCH changed, old and new. */
    private static String describe(Task before, Task after) {
        List<String> changed = new ArrayList<>();
        if (!before.start().equals(after.start())) {
            changed.add("start " + before.start() + " -> " + after.start());
        }
        if (!before.title().equals(after.title())) {
            changed.add("title");
        }
        if (!before.worker().equals(after.worker())) {
            changed.add("worker " + before.worker() + " -> " + after.worker());
        }
        if (before.status() != after.status()) {
            changed.add("status " + before.status() + " -> " + after.status());
        }
        if (!before.retries().equals(after.retries())) {
            changed.add("max_attempts " + after.retries().maxAttempts() + ", backoff_seconds " + after.retries().backoffSeconds());
        }
        return String.join("; ", changed);
    }

    @Override
    public int expireLeases(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        int total = 0;
        while (true) {
            List<Change> swept = transactions.inTransaction(() -> {
                Instant now = clock.instant();
                List<Change> done = store.lockExpiredLeases(now, batchSize).stream()
                        .map(task -> new Change(task, task.expireLease(now))).toList();
                store.update(done.stream().map(Change::after).toList(),
                        done.stream().flatMap(c -> expiry(c.before(), c.after(), now).stream()).toList());
                return done;
            });
            swept.forEach(c -> {
                recent.keep(c.after());
                events.changed(c.before(), c.after());
            });
            total += swept.size();
            if (swept.size() < batchSize) {
                return total;
            }
        }
    }

    private record Change(Task before, Task after) {
    }

    /** The events a change leaves in the history. */
    private interface Recorded {
        List<TaskEvent> events(Task before, Task after, Instant now);
    }

    /**
     * Reads the task, changes it as of one moment, and writes it and its events back only if nobody
     * changed it meanwhile ({@link TaskStore#replace}, a compare-and-set on the version); if somebody
     * did, the change is worked out again on what they wrote (a stale {@code If-Match} then fails, a
     * lease taken meanwhile is lost). No row lock and no transaction: one read and one atomic write,
     * a round trip less than lock, write and commit on a database. Every failed attempt means another
     * change was written, so the loop ends. Where this service wrote the task last, the first attempt
     * starts from that instead of a read ({@link #fromHint}).
     */
    private Task change(TaskId id, BiFunction<Task, Instant, Task> change, Recorded recorded) {
        Optional<Task> hint = recent.get(id);
        if (hint.isPresent()) {
            Optional<Task> written = fromHint(hint.get(), change, recorded);
            if (written.isPresent()) {
                return written.get();
            }
        }
        return changeRead(id, change, recorded);
    }

    /**
     * {@link #change}, non-blocking. From a hint, the compare-and-set is queued, and those that wait
     * for the database together are written by one statement and one commit ({@link #replaceAll});
     * when it loses (or there is no hint, or the change refuses the hint), the task is read and
     * changed on {@code blocking}, as {@link #change} then does.
     */
    private CompletionStage<Task> submitChange(TaskId id, BiFunction<Task, Instant, Task> change, Recorded recorded) {
        Optional<Task> hint = recent.get(id);
        if (hint.isPresent()) {
            Task before = hint.get();
            Instant now = clock.instant();
            Optional<Task> changed = changedFrom(before, change, now);
            if (changed.isPresent()) {
                Task after = changed.get();
                return replacements.submit(new TaskStore.Replacement(after, recorded.events(before, after, now)))
                        .thenCompose(won -> won ? CompletableFuture.completedFuture(written(before, after))
                                : onBlocking(() -> changeRead(id, change, recorded)));
            }
        }
        return onBlocking(() -> changeRead(id, change, recorded));
    }

    private CompletableFuture<Task> onBlocking(Supplier<Task> work) {
        try {
            return CompletableFuture.supplyAsync(work, blocking);
        } catch (RejectedExecutionException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /**
     * A batch of compare-and-sets in one statement. Of two changes of one task in a batch only the
     * first goes in (both were made from one version: at most one could win); the other is told it
     * lost, and reads the task again. When the statement fails for anything but an outage, each is
     * tried on its own, so a change that cannot be written fails its own report only.
     */
    private void replaceAll(List<Batches.Job<TaskStore.Replacement, Boolean>> batch) {
        Map<TaskId, Batches.Job<TaskStore.Replacement, Boolean>> firsts = Batches.firstsBy(batch, r -> r.changed().id());
        Batches.togetherOrOneByOne(batch, () -> {
            Set<TaskId> written = store.replaceAll(firsts.values().stream().map(Batches.Job::command).toList());
            for (Batches.Job<TaskStore.Replacement, Boolean> job : batch) {
                TaskId id = job.command().changed().id();
                job.answer(firsts.get(id) == job && written.contains(id));
            }
        }, job -> firsts.get(job.command().changed().id()) == job
                && store.replace(job.command().changed(), job.command().events()));
    }

    /**
     * The task read from the store and changed, until a compare-and-set wins (or the change refuses).
     * A hint kept for it proved nothing (or there would be no read), so it is dropped first.
     */
    private Task changeRead(TaskId id, BiFunction<Task, Instant, Task> change, Recorded recorded) {
        recent.forget(id);
        while (true) {
            Task task = store.find(id).orElseThrow(() -> notFound(id));
            Instant now = clock.instant();
            Task changed = change.apply(task, now);
            if (changed == task) {
                return task;
            }
            if (store.replace(changed, recorded.events(task, changed, now))) {
                return written(task, changed);
            }
        }
    }

    /**
     * The change worked out on the task as this service last wrote it, if that is still what the store
     * holds (the compare-and-set succeeds) and the change is one. Anything else (a refusal, perhaps for
     * being outdated, or nothing to change, perhaps only here) proves nothing, so it is left to a read.
     */
    private Optional<Task> fromHint(Task hint, BiFunction<Task, Instant, Task> change, Recorded recorded) {
        Instant now = clock.instant();
        Optional<Task> changed = changedFrom(hint, change, now);
        if (changed.isEmpty() || !store.replace(changed.get(), recorded.events(hint, changed.get(), now))) {
            return Optional.empty();
        }
        return Optional.of(written(hint, changed.get()));
    }

    /** The change made to {@code hint}, if it makes one (a refusal proves nothing about a hint). */
    private static Optional<Task> changedFrom(Task hint, BiFunction<Task, Instant, Task> change, Instant now) {
        Task changed;
        try {
            changed = change.apply(hint, now);
        } catch (DomainException refused) {
            return Optional.empty();
        }
        return changed == hint ? Optional.empty() : Optional.of(changed);
    }

    /** What follows a written change: the hint kept, the change told. */
    private Task written(Task before, Task after) {
        recent.keep(after);
        events.changed(before, after);
        return after;
    }

    private static NotFound notFound(TaskId id) {
        return new NotFound("task-not-found", "no task with id '" + id + "'");
    }
}

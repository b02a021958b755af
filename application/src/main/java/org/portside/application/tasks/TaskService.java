package org.portside.application.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.application.tasks.port.in.ExpireLeases;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.in.GetTask;
import org.portside.application.tasks.port.in.MergePayload;
import org.portside.application.tasks.port.in.PatchTask;
import org.portside.application.tasks.port.in.RemovePayloadKey;
import org.portside.application.tasks.port.in.RemoveTask;
import org.portside.application.tasks.port.in.RunTask;
import org.portside.application.tasks.port.in.ScheduleTask;
import org.portside.application.tasks.port.out.TaskEvents;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;
import org.portside.domain.tasks.Failure;
import org.portside.domain.tasks.Lease;
import org.portside.domain.tasks.LeaseToken;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskChanges;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Worker;

/**
 * The task use cases. Every change reads the task under a row lock and writes it back in one
 * transaction, so concurrent changes (two payload keys patched at once) serialise and none is lost.
 * Events are told only after the transaction committed.
 */
public final class TaskService implements ScheduleTask, GetTask, FindTasks, PatchTask, RemoveTask, MergePayload,
        RemovePayloadKey, ClaimDueTasks, RunTask, ExpireLeases {

    private final TaskStore store;
    private final TaskEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final DoubleSupplier jitter;

    /**
     * @param jitter uniform random numbers in [0, 1), placing each retry's back-off in its jitter band
     */
    public TaskService(TaskStore store, TaskEvents events, Transactions transactions, Clock clock, DoubleSupplier jitter) {
        this.store = store;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.jitter = jitter;
    }

    /** With back-off jitter from {@link ThreadLocalRandom}. */
    public TaskService(TaskStore store, TaskEvents events, Transactions transactions, Clock clock) {
        this(store, events, transactions, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public Task schedule(ScheduleTask.Command command) {
        Task task = Task.schedule(TaskId.random(), command.start(), command.title(), command.worker(), command.payload(),
                command.retries(), clock.instant());
        transactions.run(() -> store.insert(task));
        events.created(task);
        return task;
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
        return change(id, task -> task.apply(changes, clock.instant(), ifMatch));
    }

    @Override
    public Task mergePayload(TaskId id, Payload patch, Optional<Long> ifMatch) {
        return change(id, task -> task.mergePayload(patch, ifMatch));
    }

    @Override
    public Task removePayloadKey(TaskId id, String key, Optional<Long> ifMatch) {
        return change(id, task -> task.removePayloadKey(key, ifMatch));
    }

    @Override
    public void remove(TaskId id, Optional<Long> ifMatch) {
        Task removed = transactions.inTransaction(() -> {
            Task task = store.findForUpdate(id).orElseThrow(() -> notFound(id));
            task.requireDeletable(ifMatch);
            store.delete(id);
            return task;
        });
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
            for (Task due : store.lockDue(worker, now, limit)) {
                Task task = due.hasExpiredLease(now) ? due.expireLease(now) : due;
                if (task.status() == TaskStatus.SCHEDULED) {
                    task = task.claim(now, lease, LeaseToken.random());
                }
                done.add(new Change(due, task));
            }
            store.updateAll(done.stream().map(Change::after).toList());
            return done;
        });
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
        return change(id, task -> task.heartbeat(lease, clock.instant(), duration));
    }

    @Override
    public Task complete(TaskId id, LeaseToken lease) {
        return change(id, task -> task.complete(lease, clock.instant()));
    }

    @Override
    public Task fail(TaskId id, LeaseToken lease, Optional<Failure> error, boolean retry) {
        double uniform = jitter.getAsDouble();
        return change(id, task -> task.fail(lease, clock.instant(), error, retry, uniform));
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
                store.updateAll(done.stream().map(Change::after).toList());
                return done;
            });
            swept.forEach(c -> events.changed(c.before(), c.after()));
            total += swept.size();
            if (swept.size() < batchSize) {
                return total;
            }
        }
    }

    private record Change(Task before, Task after) {
    }

    private Task change(TaskId id, UnaryOperator<Task> change) {
        Change done = transactions.inTransaction(() -> {
            Task task = store.findForUpdate(id).orElseThrow(() -> notFound(id));
            Task changed = change.apply(task);
            if (changed != task) {
                store.update(changed);
            }
            return new Change(task, changed);
        });
        if (done.after() != done.before()) {
            events.changed(done.before(), done.after());
        }
        return done.after();
    }

    private static NotFound notFound(TaskId id) {
        return new NotFound("task-not-found", "no task with id '" + id + "'");
    }
}

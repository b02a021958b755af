package org.portside.application.tasks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.in.GetTask;
import org.portside.application.tasks.port.in.MergePayload;
import org.portside.application.tasks.port.in.PatchTask;
import org.portside.application.tasks.port.in.RemovePayloadKey;
import org.portside.application.tasks.port.in.RemoveTask;
import org.portside.application.tasks.port.in.ScheduleTask;
import org.portside.application.tasks.port.out.TaskEvents;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskChanges;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.Worker;

/**
 * The task use cases. Every change reads the task under a row lock and writes it back in one
 * transaction, so concurrent changes (two payload keys patched at once) serialise and none is lost.
 * Events are told only after the transaction committed.
 */
public final class TaskService implements ScheduleTask, GetTask, FindTasks, PatchTask, RemoveTask, MergePayload,
        RemovePayloadKey, ClaimDueTasks {

    private final TaskStore store;
    private final TaskEvents events;
    private final Transactions transactions;
    private final Clock clock;

    public TaskService(TaskStore store, TaskEvents events, Transactions transactions, Clock clock) {
        this.store = store;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Task schedule(ScheduleTask.Command command) {
        Task task = Task.schedule(TaskId.random(), command.start(), command.title(), command.worker(), command.payload(),
                clock.instant());
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
    public List<Task> claim(Worker worker, int limit) {
        if (limit < 1 || limit > ClaimDueTasks.MAX_LIMIT) {
            throw Invalid.field("limit", "must be from 1 to " + ClaimDueTasks.MAX_LIMIT);
        }
        List<Task> claimed = transactions.inTransaction(() -> {
            List<Task> running = new ArrayList<>();
            for (Task due : store.lockDue(worker, clock.instant(), limit)) {
                running.add(due.claim());
            }
            store.updateAll(running);
            return running;
        });
        if (!claimed.isEmpty()) {
            events.claimed(worker, claimed);
        }
        return claimed;
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

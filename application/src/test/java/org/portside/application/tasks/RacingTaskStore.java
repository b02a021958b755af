package org.portside.application.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.in.ReadTaskStats;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.Worker;

/**
 * A store whose next {@link #replace} first lets another change in: what a second request does
 * between a change's read and its write. Deterministic, unlike two threads.
 */
final class RacingTaskStore implements TaskStore {

    private final TaskStore store;
    private Runnable before;
    int replaces;
    int finds;
    /** How many stats reads reached the store. */
    final AtomicInteger statsReads = new AtomicInteger();
    /** Runs inside each stats read, before the store counts: a read that takes its time, or fails. */
    volatile Runnable duringStats = () -> { };

    RacingTaskStore(TaskStore store) {
        this.store = store;
    }

    /** Runs {@code change} just before the next replace (once; a replace it makes itself is not held up). */
    void beforeNextReplace(Runnable change) {
        before = change;
    }

    /** The ids of each {@link #replaceAll} call, in order. */
    final List<List<TaskId>> replaceAlls = new ArrayList<>();
    /** Thrown by the next {@link #replaceAll} calls instead of writing, while set. */
    RuntimeException replaceAllFailure;

    @Override
    public Set<TaskId> replaceAll(List<Replacement> replacements) {
        replaceAlls.add(replacements.stream().map(r -> r.changed().id()).toList());
        if (replaceAllFailure != null) {
            throw replaceAllFailure;
        }
        return TaskStore.super.replaceAll(replacements); // each by this.replace: held up and counted as any
    }

    @Override
    public boolean replace(Task changed, List<TaskEvent> events) {
        Runnable change = before;
        before = null;
        if (change != null) {
            change.run();
        }
        replaces++;
        return store.replace(changed, events);
    }

    @Override
    public Optional<Task> find(TaskId id) {
        finds++;
        return store.find(id);
    }

    @Override
    public Optional<Task> findForUpdate(TaskId id) {
        return store.findForUpdate(id);
    }

    /** The ids of each {@link #insertAll} call, in order. */
    final List<List<TaskId>> insertAlls = new ArrayList<>();
    /** Thrown by the next {@link #insertAll} calls instead of writing, while set. */
    RuntimeException insertAllFailure;
    int inserts;
    private Runnable beforeInsert;

    /** Runs {@code change} just before the next {@link #insert} (once). */
    void beforeNextInsert(Runnable change) {
        beforeInsert = change;
    }

    @Override
    public void insertAll(List<Task> tasks, List<TaskEvent> events) {
        insertAlls.add(tasks.stream().map(Task::id).toList());
        if (insertAllFailure != null) {
            throw insertAllFailure;
        }
        store.insertAll(tasks, events);
    }

    @Override
    public void insert(Task task, List<TaskEvent> events) {
        Runnable change = beforeInsert;
        beforeInsert = null;
        if (change != null) {
            change.run();
        }
        inserts++;
        store.insert(task, events);
    }

    @Override
    public void update(List<Task> tasks, List<TaskEvent> events) {
        store.update(tasks, events);
    }

    @Override
    public void delete(TaskId id, List<TaskEvent> events) {
        store.delete(id, events);
    }

    @Override
    public List<Task> find(FindTasks.Query query, int limit) {
        return store.find(query, limit);
    }

    @Override
    public List<Task> lockDue(Worker worker, Instant now, int limit) {
        return store.lockDue(worker, now, limit);
    }

    @Override
    public List<Task> lockExpiredLeases(Instant now, int limit) {
        return store.lockExpiredLeases(now, limit);
    }

    @Override
    public ReadTaskStats.Stats stats(Instant now) {
        statsReads.incrementAndGet();
        duringStats.run();
        return store.stats(now);
    }

    @Override
    public Optional<Instant> nextDue(Worker worker, Instant now) {
        return store.nextDue(worker, now);
    }
}

package org.portside.application.tasks.port.out;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.Worker;

/**
 * Where tasks live. Every method runs inside the caller's transaction, if there is one (a read or a
 * {@link #replace} needs none). Every write takes the events
 * it leaves in the task's {@link TaskHistory} and appends them with it, so that the history says
 * exactly what was written and an adapter can do both in one round trip (one statement).
 */
public interface TaskStore {

    Optional<Task> find(TaskId id);

    /** Like {@link #find}, and keeps the task from changing until the transaction ends. */
    Optional<Task> findForUpdate(TaskId id);

    /** Stores a new task and appends the events of its creation. */
    void insert(Task task, List<TaskEvent> events);

    /**
     * Stores new tasks (of distinct ids) and appends the events of their creation (of these tasks
     * only), in order; all or none when a transaction surrounds it. An adapter may write them with
     * one statement (PostgreSQL does, all or none by itself).
     */
    default void insertAll(List<Task> tasks, List<TaskEvent> events) {
        for (Task task : tasks) {
            insert(task, events.stream().filter(e -> e.task().equals(task.id())).toList());
        }
    }

    /** Stores changed tasks (same ids) and appends the events of their changes (of these tasks only), in order. */
    void update(List<Task> tasks, List<TaskEvent> events);

    /**
     * Stores {@code changed} and appends its events, if the stored task is still the version it was
     * changed from ({@code changed.version() - 1}): a compare-and-set, atomic on its own, so neither a
     * lock nor a transaction is needed between the read it follows and this write. False, with nothing
     * written, when another change came first or the task is gone: read it again.
     */
    boolean replace(Task changed, List<TaskEvent> events);

    /** A change for {@link #replaceAll}: the changed task and the events of its change. */
    record Replacement(Task changed, List<TaskEvent> events) {

        public Replacement {
            events = List.copyOf(events);
        }
    }

    /**
     * {@link #replace} for tasks of distinct ids at once, each its own compare-and-set: a replacement
     * whose task changed meanwhile (or is gone) is not written, the others are. An adapter may write
     * them all with one statement (PostgreSQL does, and commits them together).
     *
     * @return the ids of the tasks written
     */
    default Set<TaskId> replaceAll(List<Replacement> replacements) {
        Set<TaskId> written = new HashSet<>();
        for (Replacement replacement : replacements) {
            if (replace(replacement.changed(), replacement.events())) {
                written.add(replacement.changed().id());
            }
        }
        return written;
    }

    /** Deletes a task and appends the events of its deletion, which outlive it until they are pruned. */
    void delete(TaskId id, List<TaskEvent> events);

    /** Up to {@code limit} tasks matching the query's filters, after its cursor, ordered by start then id. */
    List<Task> find(FindTasks.Query query, int limit);

    /**
     * Up to {@code limit} tasks of {@code worker} that are due at {@code now} ({@link Task#isDueFor}),
     * earliest {@link Task#dueAt} first, locked for this transaction; tasks another transaction holds
     * are skipped, not waited for.
     */
    List<Task> lockDue(Worker worker, Instant now, int limit);

    /**
     * Up to {@code limit} tasks of any worker whose lease has expired at {@code now}
     * ({@link Task#hasExpiredLease}), locked for this transaction, skipping those another holds.
     */
    List<Task> lockExpiredLeases(Instant now, int limit);

    /** The counts of {@link org.portside.application.tasks.port.in.ReadTaskStats.Stats} at {@code now}. */
    org.portside.application.tasks.port.in.ReadTaskStats.Stats stats(Instant now);

    /** The earliest {@link Task#dueAt} of {@code worker}'s tasks that lies after {@code now}, if any. */
    Optional<Instant> nextDue(Worker worker, Instant now);
}

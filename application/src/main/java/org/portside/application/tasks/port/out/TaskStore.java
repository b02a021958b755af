package org.portside.application.tasks.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.Worker;

/** Where tasks live. Every method runs inside the caller's transaction. */
public interface TaskStore {

    Optional<Task> find(TaskId id);

    /** Like {@link #find}, and keeps the task from changing until the transaction ends. */
    Optional<Task> findForUpdate(TaskId id);

    void insert(Task task);

    /** Stores a changed task (same id). */
    void update(Task task);

    /** Stores changed tasks (same ids); an adapter may do it in one round trip. */
    default void updateAll(List<Task> tasks) {
        tasks.forEach(this::update);
    }

    void delete(TaskId id);

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

package org.portside.application.tasks.port.out;

import java.time.Instant;
import java.util.List;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;

/**
 * Where task histories are read and pruned: append-only, apart from the tasks themselves (never on
 * the claim's hot rows), and kept after a task is deleted until they are pruned. Events are appended
 * by the {@link TaskStore} write that they describe, in its transaction.
 */
public interface TaskHistory {

    /** A task's events, oldest first; empty if none are kept. */
    List<TaskEvent> of(TaskId task);

    /** Deletes up to {@code limit} events that happened before {@code cutoff}; how many it deleted. */
    int pruneBefore(Instant cutoff, int limit);
}

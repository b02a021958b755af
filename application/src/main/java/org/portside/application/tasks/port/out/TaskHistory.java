package org.portside.application.tasks.port.out;

import java.time.Instant;
import java.util.List;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;

/**
 * Where task histories are kept: append-only, in the caller's transaction (so the history says
 * exactly what was committed), apart from the tasks themselves (never on the claim's hot rows), and
 * kept after a task is deleted until they are pruned.
 */
public interface TaskHistory {

    /** Appends, in order; an adapter may do it in one round trip. */
    void append(List<TaskEvent> events);

    /** A task's events, oldest first; empty if none are kept. */
    List<TaskEvent> of(TaskId task);

    /** Deletes up to {@code limit} events that happened before {@code cutoff}; how many it deleted. */
    int pruneBefore(Instant cutoff, int limit);
}

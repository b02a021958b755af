package org.portside.application.tasks.port.in;

import java.time.Duration;
import java.util.List;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;

/** A task's history, oldest first, also after the task was deleted, until it is pruned. */
public interface ReadTaskHistory {

    /** @throws org.portside.domain.shared.NotFound if there is no such task and no history of one */
    List<TaskEvent> history(TaskId id);

    /** Deletes events older than {@code retention}, {@code batchSize} per transaction; how many it deleted. */
    int pruneHistory(Duration retention, int batchSize);
}

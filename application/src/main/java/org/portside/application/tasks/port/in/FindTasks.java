package org.portside.application.tasks.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Worker;

/** Lists tasks by start, then id, one keyset page at a time, with filters that all must hold. */
public interface FindTasks {

    int DEFAULT_LIMIT = 100;
    int MAX_LIMIT = 1000;

    /** A position in the order (start, id): the next page starts after it. */
    record Cursor(Instant start, TaskId id) {
    }

    /**
     * @param from  only tasks starting strictly after it
     * @param to    only tasks starting strictly before it
     * @param limit 1 to {@value #MAX_LIMIT}
     */
    record Query(Optional<Worker> worker, Optional<TaskStatus> status, Optional<Instant> from, Optional<Instant> to,
                 int limit, Optional<Cursor> after) {
    }

    /** @param next where the following page starts, if there may be one */
    record Page(List<Task> tasks, Optional<Cursor> next) {
    }

    /** @throws org.portside.domain.shared.Invalid for a limit out of range */
    Page find(Query query);
}

package org.portside.application.tasks.port.in;

import java.util.List;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.Worker;

/**
 * Hands out a worker's due tasks (SCHEDULED, start reached), earliest first, now RUNNING. Safe with
 * many concurrent claimers: no task is ever handed out twice.
 */
public interface ClaimDueTasks {

    int DEFAULT_LIMIT = 1;
    int MAX_LIMIT = 100;

    /** @throws org.portside.domain.shared.Invalid for a limit outside 1 to {@value #MAX_LIMIT} */
    List<Task> claim(Worker worker, int limit);
}

package org.portside.application.tasks.port.in;

import java.util.List;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.Worker;

/**
 * Hands out a worker's due tasks, earliest first, each now RUNNING under a new lease: SCHEDULED ones
 * whose start is reached, and RUNNING ones whose lease expired (their worker went silent; this is a
 * new attempt, or FAILED instead when none is left). Safe with many concurrent claimers: no task is
 * ever handed out twice at once.
 */
public interface ClaimDueTasks {

    int DEFAULT_LIMIT = 1;
    int MAX_LIMIT = 100;

    /**
     * @throws org.portside.domain.shared.Invalid for a limit outside 1 to {@value #MAX_LIMIT} or a lease
     *         outside what {@link org.portside.domain.tasks.Lease#duration} allows
     */
    List<Task> claim(Worker worker, int limit, int leaseSeconds);
}

package org.portside.application.tasks.port.in;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.portside.domain.tasks.TaskStatus;

/** How the scheduler stands, for an operator's dashboard and alerts. */
public interface ReadTaskStats {

    /**
     * @param byStatus         how many tasks are in each status (every status, 0 included)
     * @param byWorker         per worker, how many of its tasks are in each status it has
     * @param oldestDue        the earliest start of a SCHEDULED task that is due and not claimed yet:
     *                         how far behind the workers are
     * @param expiredLeases    RUNNING tasks whose lease has expired and that the sweep (or a claim)
     *                         has not returned yet
     */
    record Stats(Map<TaskStatus, Long> byStatus, Map<String, Map<TaskStatus, Long>> byWorker, Optional<Instant> oldestDue,
                 long expiredLeases) {
    }

    Stats stats();
}

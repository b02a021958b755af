package org.portside.domain.tasks;

import java.time.Instant;
import java.util.Optional;
import org.portside.domain.shared.Require;

/**
 * What a PATCH asks to change; an empty field is left as it is. {@code title} is two-level: empty =
 * keep, {@code Optional.of(Optional.empty())} = remove the title.
 */
public record TaskChanges(Optional<Instant> start, Optional<Optional<Title>> title, Optional<Worker> worker,
                          Optional<TaskStatus> status, Optional<Integer> maxAttempts, Optional<Integer> backoffSeconds) {

    public static final TaskChanges NONE = new TaskChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public TaskChanges {
        Require.nonNull(start, "start");
        Require.nonNull(title, "title");
        Require.nonNull(worker, "worker");
        Require.nonNull(status, "status");
        Require.nonNull(maxAttempts, "maxAttempts");
        Require.nonNull(backoffSeconds, "backoffSeconds");
    }

    /** A change of the seed's four fields only, retries kept. */
    public TaskChanges(Optional<Instant> start, Optional<Optional<Title>> title, Optional<Worker> worker,
                       Optional<TaskStatus> status) {
        this(start, title, worker, status, Optional.empty(), Optional.empty());
    }
}

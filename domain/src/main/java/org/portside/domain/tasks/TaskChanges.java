package org.portside.domain.tasks;

import java.time.Instant;
import java.util.Optional;
import org.portside.domain.shared.Require;

/**
 * What a PATCH asks to change; an empty field is left as it is. {@code title} is two-level: empty =
 * keep, {@code Optional.of(Optional.empty())} = remove the title.
 */
public record TaskChanges(Optional<Instant> start, Optional<Optional<Title>> title, Optional<Worker> worker,
                          Optional<TaskStatus> status) {

    public static final TaskChanges NONE = new TaskChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public TaskChanges {
        Require.nonNull(start, "start");
        Require.nonNull(title, "title");
        Require.nonNull(worker, "worker");
        Require.nonNull(status, "status");
    }
}

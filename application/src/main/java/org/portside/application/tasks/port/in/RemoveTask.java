package org.portside.application.tasks.port.in;

import java.util.Optional;
import org.portside.domain.tasks.TaskId;

public interface RemoveTask {

    /** @throws org.portside.domain.shared.NotFound, PreconditionFailed, Conflict (RUNNING) in that order */
    void remove(TaskId id, Optional<Long> ifMatch);
}

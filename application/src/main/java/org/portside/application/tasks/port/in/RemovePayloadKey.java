package org.portside.application.tasks.port.in;

import java.util.Optional;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;

public interface RemovePayloadKey {

    /** @throws org.portside.domain.shared.NotFound for an unknown task or key */
    Task removePayloadKey(TaskId id, String key, Optional<Long> ifMatch);
}

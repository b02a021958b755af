package org.portside.application.tasks.port.in;

import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;

public interface GetTask {

    /** @throws org.portside.domain.shared.NotFound {@code task-not-found} */
    Task get(TaskId id);
}

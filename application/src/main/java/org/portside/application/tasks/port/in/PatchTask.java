package org.portside.application.tasks.port.in;

import java.util.Optional;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskChanges;
import org.portside.domain.tasks.TaskId;

/** Changes any of start, title, worker and status, atomically. */
public interface PatchTask {

    /**
     * @param ifMatch the version the caller last saw, if it wants the change only on that version
     * @throws org.portside.domain.shared.NotFound, Invalid, PreconditionFailed, Conflict in that order
     */
    Task patch(TaskId id, TaskChanges changes, Optional<Long> ifMatch);
}

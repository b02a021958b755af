package org.portside.application.tasks.port.in;

import java.util.Optional;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;

/** Adds or replaces first-level payload keys, atomically: concurrent patches of different keys all stay. */
public interface MergePayload {

    Task mergePayload(TaskId id, Payload patch, Optional<Long> ifMatch);
}

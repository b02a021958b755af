package org.portside.domain.tasks;

import java.util.EnumSet;
import java.util.Set;

/**
 * A task's lifecycle: SCHEDULED → RUNNING or FAILED; RUNNING → SUCCEEDED or FAILED; FAILED →
 * SCHEDULED (a retry). SUCCEEDED is final. Staying in the same status is always allowed (a no-op).
 */
public enum TaskStatus {
    SCHEDULED, RUNNING, SUCCEEDED, FAILED;

    public Set<TaskStatus> next() {
        return switch (this) {
            case SCHEDULED -> EnumSet.of(RUNNING, FAILED);
            case RUNNING -> EnumSet.of(SUCCEEDED, FAILED);
            case FAILED -> EnumSet.of(SCHEDULED);
            case SUCCEEDED -> EnumSet.noneOf(TaskStatus.class);
        };
    }

    public boolean canBecome(TaskStatus target) {
        return target == this || next().contains(target);
    }
}

package org.portside.domain.tasks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.portside.domain.shared.Require;

/**
 * One entry of a task's history: what happened, when, for which worker and attempt. Append-only,
 * and kept after the task is deleted (for audit) until it is pruned.
 */
public record TaskEvent(TaskId task, Instant at, Type type, Worker worker, int attempt, Optional<String> detail) {

    /** What happened; its wire name is the lowercase constant name. */
    public enum Type {
        CREATED, CHANGED, PAYLOAD_CHANGED, CLAIMED, HEARTBEAT, COMPLETED, FAILED, RETRY_SCHEDULED, LEASE_EXPIRED, DELETED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type ofWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public TaskEvent {
        Require.nonNull(task, "task");
        at = Require.nonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        Require.nonNull(type, "type");
        Require.nonNull(worker, "worker");
        Require.nonNull(detail, "detail");
    }

    /** The event {@code type} of {@code task} as it is after it, at {@code at}. */
    public static TaskEvent of(Task task, Type type, Instant at, String detail) {
        return new TaskEvent(task.id(), at, type, task.worker(), task.attempt(), Optional.ofNullable(detail));
    }
}

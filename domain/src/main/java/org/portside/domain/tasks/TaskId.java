package org.portside.domain.tasks;

import java.util.Optional;
import java.util.UUID;

/** A task's server-assigned, immutable id: a random UUID in its canonical lowercase form. */
public record TaskId(String value) implements Comparable<TaskId> {

    public TaskId {
        if (!isCanonicalUuid(value)) {
            throw new IllegalArgumentException("not a task id: " + value);
        }
    }

    public static TaskId random() {
        return new TaskId(UUID.randomUUID().toString());
    }

    /** The id a client names, if it could be one; anything else cannot name an existing task. */
    public static Optional<TaskId> parse(String raw) {
        return isCanonicalUuid(raw) ? Optional.of(new TaskId(raw)) : Optional.empty();
    }

    private static boolean isCanonicalUuid(String raw) {
        try {
            return raw != null && UUID.fromString(raw).toString().equals(raw);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

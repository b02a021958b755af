package org.portside.domain.tasks;

import org.portside.domain.shared.Text;

/** Who runs a task: non-blank text of at most 128 characters. */
public record Worker(String value) {

    public static final int MAX_LENGTH = 128;

    public Worker {
        Text.requireNonBlank(value, "worker", MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}

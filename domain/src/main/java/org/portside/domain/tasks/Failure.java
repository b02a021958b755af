package org.portside.domain.tasks;

import java.nio.charset.StandardCharsets;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.Require;

/** What a worker says went wrong, kept as the task's {@code last_error}: text of at most 4 KiB as UTF-8. */
public record Failure(String value) {

    public static final int MAX_BYTES = 4096;

    public Failure {
        Require.nonNull(value, "value");
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw Invalid.field("error", "must be at most " + MAX_BYTES + " bytes as UTF-8");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw Invalid.field("error", "must not contain the NUL character (U+0000)");
        }
    }
}

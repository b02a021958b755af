package org.portside.rest.tasks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.domain.shared.Invalid;
import org.portside.domain.tasks.TaskId;

/** The opaque {@code after} cursor of the task list: the last task's start and id, base64url-encoded. */
final class Cursors {

    private Cursors() {
    }

    static String encode(FindTasks.Cursor cursor) {
        String plain = cursor.start().getEpochSecond() + ":" + cursor.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static FindTasks.Cursor decode(String raw) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8).split(":", 2);
            return new FindTasks.Cursor(TaskJson.requireInRange(Instant.ofEpochSecond(Long.parseLong(parts[0])), "after"),
                    TaskId.parse(parts[1]).orElseThrow());
        } catch (RuntimeException e) {
            throw Invalid.field("after", "is not a cursor this service handed out (take it from the Link header)");
        }
    }
}

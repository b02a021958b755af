package org.portside.rest.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.Worker;

/** One entry of a task's history as clients see it: every field, always ({@code detail} null when there is none). */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
@Schema(name = "TaskEvent", description = "One step of a task's history.")
record TaskEventResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time", example = "2099-01-01T09:00:01.234567Z",
                description = "when it happened, UTC") String at,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", example = "claimed",
                allowableValues = {"created", "changed", "payload_changed", "claimed", "heartbeat", "completed", "failed",
                        "retry_scheduled", "lease_expired", "deleted"}) String type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Worker.MAX_LENGTH, example = "w1",
                description = "the task's worker then") String worker,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", example = "1",
                description = "the attempt it belongs to (0 before the first claim)") int attempt,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, example = "lease until 2099-01-01T09:01:01.234Z",
                description = "what changed, the worker's error, when the retry is due, … or null") @Nullable String detail) {

    static TaskEventResponse of(TaskEvent event) {
        return new TaskEventResponse(event.at().toString(), event.type().wireName(), event.worker().value(), event.attempt(),
                event.detail().orElse(null));
    }
}

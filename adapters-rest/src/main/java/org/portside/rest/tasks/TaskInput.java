package org.portside.rest.tasks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import java.util.Optional;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.domain.shared.Text;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;

/**
 * The body of {@code POST /api/tasks}, and (nested) the other task bodies. Each is read by
 * {@link org.portside.rest.shared.RequestBodies} against the schema generated from it.
 */
@Serdeable
@Schema(name = "NewTask", description = "A task to schedule.", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record TaskInput(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time", example = TaskJson.EXAMPLE_START,
                description = "when it is due: an RFC 3339 date-time with an offset or Z; fractions of a second are dropped; must be in the future")
        String start,
        @Schema(nullable = true, maxLength = Title.MAX_LENGTH, example = "nightly export", description = "optional; null or absent means none")
        @Nullable String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Worker.MAX_LENGTH, pattern = Text.NON_BLANK, example = "w1")
        String worker,
        @Schema(nullable = false, type = "string", allowableValues = "SCHEDULED", description = "a new task is SCHEDULED; omit it or say so")
        Optional<String> status,
        @Schema(nullable = false, type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "any JSON object (each value any JSON value); at most " + Payload.MAX_BYTES + " bytes as JSON",
                example = "{\"priority\": 3, \"to\": [\"ops\"]}")
        Optional<Map<String, Object>> payload) {

    /** The body of {@code PATCH /api/tasks/{id}}: any subset of the fields; the payload has its own route. */
    @Serdeable
    @Schema(name = "TaskChange", description = "The fields to change; the payload is changed through /api/tasks/{id}/payload, the id never.",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Change(
            @Schema(nullable = false, format = "date-time", example = TaskJson.EXAMPLE_START, description = "must be in the future")
            Optional<String> start,
            @Schema(nullable = true, maxLength = Title.MAX_LENGTH, example = "nightly export", description = "null removes the title")
            @Nullable String title,
            @Schema(nullable = false, maxLength = Worker.MAX_LENGTH, pattern = Text.NON_BLANK, example = "w1")
            Optional<String> worker,
            @Schema(nullable = false, type = "string", allowableValues = {"SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED"},
                    description = "SCHEDULED → RUNNING or FAILED; RUNNING → SUCCEEDED or FAILED; FAILED → SCHEDULED (a retry; start must then be in the future)")
            Optional<String> status) {
    }

    /** The body of {@code POST /api/tasks/claim}. */
    @Serdeable
    @Schema(name = "Claim", description = "Which worker claims, and how many due tasks at most.",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Claim(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Worker.MAX_LENGTH, pattern = Text.NON_BLANK, example = "w1")
            String worker,
            @Schema(nullable = false, type = "integer", format = "int32", minimum = "1", maximum = "" + ClaimDueTasks.MAX_LIMIT,
                    defaultValue = "" + ClaimDueTasks.DEFAULT_LIMIT, example = "10")
            Optional<Integer> limit) {
    }

    /** The body of {@code PATCH /api/tasks/{id}/payload}: first-level keys to add or replace. */
    @Schema(name = "PayloadPatch", type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
            description = "first-level keys to add or replace, each with any JSON value; other keys are kept",
            example = "{\"priority\": 3}")
    static final class PayloadPatch {
        private PayloadPatch() {
        }
    }
}

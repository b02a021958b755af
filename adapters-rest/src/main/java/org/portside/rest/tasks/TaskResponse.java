package org.portside.rest.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;

/** A task as clients see it: all six fields, always ({@code title} null when absent); start in UTC to the second. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
@Schema(name = "Task", description = "A task: all six fields, always (title null when it has none); start in UTC, to the second.")
record TaskResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid", example = "3f2b7c1e-8d4a-4c5e-9f10-2a6b8c9d0e1f") String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time", example = TaskJson.EXAMPLE_START) String start,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, maxLength = Title.MAX_LENGTH, example = "nightly export") @Nullable String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Worker.MAX_LENGTH, example = "w1") String worker,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", allowableValues = {"SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED"},
                example = "SCHEDULED") String status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "any JSON object", example = "{\"priority\": 3}") Map<String, Object> payload) {
}

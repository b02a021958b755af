package org.portside.rest.tasks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The documented shape of {@code POST /api/tasks}; bodies are read field by field by {@link TaskBodies}. */
@Serdeable
@Schema(name = "TaskInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record TaskRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-12-01T10:00:00Z",
                description = "ISO-8601 with an offset or Z; seconds optional; fractions dropped; must be in the future") String start,
        @Schema(maxLength = 256, nullable = true) @Nullable String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 128, example = "w1") String worker,
        @Schema(type = "string", description = "SCHEDULED or omitted", allowableValues = "SCHEDULED") @Nullable String status,
        @Schema(description = "any JSON object, at most 256 KiB", example = "{\"priority\": 3}") @Nullable Map<String, Object> payload) {
}

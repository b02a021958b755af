package org.portside.rest.tasks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The documented shape of {@code PATCH /api/tasks/{id}}: any subset; id and payload are refused. */
@Serdeable
@Schema(name = "TaskPatch", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record TaskPatchRequest(
        @Schema(example = "2026-12-01T10:00:00Z", description = "must be in the future") @Nullable String start,
        @Schema(maxLength = 256, nullable = true, description = "null removes the title") @Nullable String title,
        @Schema(maxLength = 128) @Nullable String worker,
        @Schema(type = "string", allowableValues = {"SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED"},
                description = "SCHEDULED→RUNNING|FAILED, RUNNING→SUCCEEDED|FAILED, FAILED→SCHEDULED (start in the future)") @Nullable String status) {
}

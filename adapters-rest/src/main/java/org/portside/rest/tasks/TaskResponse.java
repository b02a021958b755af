package org.portside.rest.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** A task as clients see it: all six fields, always ({@code title} null when absent); start in UTC to the second. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
@Schema(name = "Task")
public record TaskResponse(
        @Schema(example = "3f2b7c1e-8d4a-4c5e-9f10-2a6b8c9d0e1f") String id,
        @Schema(example = "2026-12-01T10:00:00Z") String start,
        @Schema(example = "nightly export", nullable = true) String title,
        @Schema(example = "w1") String worker,
        @Schema(type = "string", example = "SCHEDULED", allowableValues = {"SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED"}) String status,
        @Schema(example = "{\"priority\": 3}") Map<String, Object> payload) {
}

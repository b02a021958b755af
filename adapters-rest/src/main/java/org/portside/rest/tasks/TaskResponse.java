package org.portside.rest.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;

/** A task as clients see it: every field, always ({@code title}, {@code lease}, {@code last_error} null when absent); start in UTC to the second. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable(naming = SnakeCaseStrategy.class)
@Schema(name = "Task", description = "A task: every field, always (title, lease and last_error null when it has none); start in UTC, to the second.")
record TaskResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid", example = "3f2b7c1e-8d4a-4c5e-9f10-2a6b8c9d0e1f") String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time", example = TaskJson.EXAMPLE_START) String start,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, maxLength = Title.MAX_LENGTH, example = "nightly export") @Nullable String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Worker.MAX_LENGTH, example = "w1") String worker,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", allowableValues = {"SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED"},
                example = "SCHEDULED") String status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "any JSON object", example = "{\"priority\": 3}") Map<String, Object> payload,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "3") int maxAttempts,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "10") int backoffSeconds,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", example = "0",
                description = "how many times it was handed out (1 on the first claim)") int attempt,
        LeaseResponse lease, // may be null: the Lease schema is nullable
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, example = "upstream timed out",
                description = "why the last attempt failed (a worker's error, or an expired lease), or null") @Nullable String lastError) {
}

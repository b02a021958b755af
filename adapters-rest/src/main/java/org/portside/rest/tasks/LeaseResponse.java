package org.portside.rest.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A lease as clients see it: the token its worker shows on every step, and when it ends unless a
 * heartbeat extends it. The schema itself is nullable, so that a task's {@code lease} is a plain
 * reference that admits null (OpenAPI 3.0 ignores {@code nullable} beside a bare {@code allOf}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
@Schema(name = "Lease", nullable = true, description = "A worker's hold on a RUNNING task: the token to show on heartbeat, complete and fail, "
        + "and when the hold ends; null while no worker holds it.")
record LeaseResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = TaskJson.LEASE_PATTERN, example = TaskJson.EXAMPLE_LEASE) String token,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time", example = "2099-01-01T09:01:00.123Z",
                description = "UTC, to the millisecond; from then on the task is due again") String expires) {
}

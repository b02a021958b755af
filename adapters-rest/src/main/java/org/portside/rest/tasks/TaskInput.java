package org.portside.rest.tasks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import java.util.Optional;
import org.portside.application.tasks.port.in.AwaitDueTasks;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.domain.shared.Text;
import org.portside.domain.tasks.Failure;
import org.portside.domain.tasks.Lease;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Retries;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;

/**
 * The body of {@code POST /api/tasks}, and (nested) the other task bodies. Each is read by
 * {@link org.portside.rest.shared.RequestBodies} against the schema generated from it.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
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
        Optional<Map<String, Object>> payload,
        @Schema(nullable = false, type = "integer", format = "int32", minimum = "1", maximum = "" + Retries.MAX_MAX_ATTEMPTS,
                defaultValue = "" + Retries.DEFAULT_MAX_ATTEMPTS, description = "how many times it may be handed out before it is FAILED for good")
        Optional<Integer> maxAttempts,
        @Schema(nullable = false, type = "integer", format = "int32", minimum = "0", maximum = "" + Retries.MAX_BACKOFF_SECONDS,
                defaultValue = "" + Retries.DEFAULT_BACKOFF_SECONDS,
                description = "after a failed attempt n it is due again after backoff_seconds × 2^(n−1), ±20 % jitter, at most an hour")
        Optional<Integer> backoffSeconds) {

    /** The body of {@code PATCH /api/tasks/{id}}: any subset of the fields; the payload has its own route. */
    @Serdeable(naming = SnakeCaseStrategy.class)
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
                    description = "SCHEDULED → RUNNING or FAILED; RUNNING → SUCCEEDED or FAILED; FAILED → SCHEDULED (a retry; start must then be in the future, "
                            + "and the attempts start again); a change of status ends the current lease, so its worker's next step is refused")
            Optional<String> status,
            @Schema(nullable = false, type = "integer", format = "int32", minimum = "1", maximum = "" + Retries.MAX_MAX_ATTEMPTS, example = "5")
            Optional<Integer> maxAttempts,
            @Schema(nullable = false, type = "integer", format = "int32", minimum = "0", maximum = "" + Retries.MAX_BACKOFF_SECONDS, example = "30")
            Optional<Integer> backoffSeconds) {
    }

    /** The body of {@code POST /api/tasks/claim}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "Claim", description = "Which worker claims, and how many due tasks at most.",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Claim(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Worker.MAX_LENGTH, pattern = Text.NON_BLANK, example = "w1")
            String worker,
            @Schema(nullable = false, type = "integer", format = "int32", minimum = "1", maximum = "" + ClaimDueTasks.MAX_LIMIT,
                    defaultValue = "" + ClaimDueTasks.DEFAULT_LIMIT, example = "10")
            Optional<Integer> limit,
            @Schema(nullable = false, type = "integer", format = "int32", minimum = "" + Lease.MIN_SECONDS, maximum = "" + Lease.MAX_SECONDS,
                    example = "60", description = "how long each task is leased to this worker; heartbeat before it ends, or the task is "
                    + "handed out again; default " + TaskJson.LEASE_DEFAULT)
            Optional<Integer> leaseSeconds,
            @Schema(nullable = false, type = "integer", format = "int32", minimum = "0", maximum = "" + AwaitDueTasks.MAX_WAIT_SECONDS,
                    defaultValue = "0", example = "0",
                    description = "a long poll: with nothing due, wait up to this long and answer as soon as a task of this worker "
                            + "becomes due or is created; [] when the wait ends empty")
            Optional<Integer> waitSeconds) {
    }

    /** The token of the lease a worker holds, as the claim handed it out. */
    static final String LEASE = "the lease token the claim answered with (lease.token)";

    /** The body of {@code POST /api/tasks/{id}/heartbeat}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "Heartbeat", description = "The lease held, and how long from now it should last.",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Heartbeat(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = TaskJson.LEASE_PATTERN, example = TaskJson.EXAMPLE_LEASE, description = LEASE)
            String lease,
            @Schema(nullable = false, type = "integer", format = "int32", minimum = "" + Lease.MIN_SECONDS, maximum = "" + Lease.MAX_SECONDS,
                    example = "60", description = "how long from now the lease lasts; default " + TaskJson.LEASE_DEFAULT)
            Optional<Integer> leaseSeconds) {
    }

    /** The body of {@code POST /api/tasks/{id}/complete}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "Completion", description = "The lease held.", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Completion(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = TaskJson.LEASE_PATTERN, example = TaskJson.EXAMPLE_LEASE, description = LEASE)
            String lease) {
    }

    /** The body of {@code POST /api/tasks/{id}/fail}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "Failure", description = "The lease held, what went wrong, and whether to try again.",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Failed(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = TaskJson.LEASE_PATTERN, example = TaskJson.EXAMPLE_LEASE, description = LEASE)
            String lease,
            @Schema(nullable = true, description = "what went wrong, kept as last_error; at most " + Failure.MAX_BYTES + " bytes as UTF-8",
                    example = "upstream timed out")
            @Nullable String error,
            @Schema(nullable = false, defaultValue = "true",
                    description = "false: FAILED at once; else SCHEDULED again after the back-off while attempts are left")
            Optional<Boolean> retry) {
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

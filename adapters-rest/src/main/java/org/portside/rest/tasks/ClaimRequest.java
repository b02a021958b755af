package org.portside.rest.tasks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The documented shape of {@code POST /api/tasks/claim}. */
@Serdeable
@Schema(name = "Claim", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record ClaimRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "w1") String worker,
        @Schema(minimum = "1", maximum = "100", defaultValue = "1") @Nullable Integer limit) {
}

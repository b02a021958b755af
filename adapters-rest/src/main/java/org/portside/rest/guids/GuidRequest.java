package org.portside.rest.guids;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The documented shape of a GUID body; read field by field by {@link GuidBodies}. */
@Serdeable
@Schema(name = "GuidInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record GuidRequest(
        @Schema(description = "Unix seconds in the future, as an integer or a string of digits; default now + 30 days",
                example = "1893456000") @Nullable String expire,
        @Schema(description = "required when the GUID is created; at most 256 characters", example = "Cylance, Inc.",
                maxLength = 256) @Nullable String user,
        @Schema(description = "only on /guid/{guid}, and then equal to the URL's", pattern = "^[0-9A-F]{32}$") @Nullable String guid) {
}

package org.portside.rest.users;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The documented shape of {@code POST /groups}; read field by field by the controller. */
@Serdeable
@Schema(name = "GroupInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record GroupRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[A-Za-z0-9._-]{1,64}$", example = "admins") String name) {
}

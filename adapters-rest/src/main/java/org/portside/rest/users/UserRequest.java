package org.portside.rest.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The documented shape of a user body. Bodies are read field by field by {@link UserBodies} (so
 * every bad field can be reported with its pointer); this record exists for the OpenAPI document.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@Schema(name = "UserInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record UserRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 256, example = "Joe") String firstName,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 256, example = "Smith") String lastName,
        @Schema(description = "required on POST /users; else absent or equal to the URL's",
                pattern = "^[A-Za-z0-9._-]{1,64}$", example = "jsmith") @Nullable String userid,
        @Schema(description = "unique group names; missing groups are created; omitted means []",
                example = "[\"admins\", \"users\"]") @Nullable List<String> groups) {
}

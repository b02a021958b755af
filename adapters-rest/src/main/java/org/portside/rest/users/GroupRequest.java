package org.portside.rest.users;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Optional;
import org.portside.domain.shared.Identifier;

/** The body of {@code POST /groups}: the group's name. */
@Serdeable
@Schema(name = "NewGroup", description = "A group to create, without members.", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record GroupRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = Identifier.PATTERN, example = "admins") String name) {

    /** The optional body of {@code POST /groups/{name}}: the name again, if at all. */
    @Serdeable
    @Schema(name = "GroupAtUrl", description = "Optional: the group's name again, equal to the URL's.",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record AtUrl(@Schema(nullable = false, pattern = Identifier.PATTERN, example = "admins") Optional<String> name) {
    }
}

package org.portside.rest.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.portside.domain.shared.Identifier;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;

/** A user record as clients see it: all four fields, always; groups sorted. */
@JsonInclude(JsonInclude.Include.ALWAYS) // all fields, always: an empty list is [], not absent
@Serdeable(naming = SnakeCaseStrategy.class)
@Schema(name = "User", description = "A user record; groups are sorted, and the group view always agrees with them.")
record UserResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = PersonName.MAX_LENGTH, example = "Joe") String firstName,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = PersonName.MAX_LENGTH, example = "Smith") String lastName,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = Identifier.PATTERN, example = "jsmith") String userid,
        @ArraySchema(uniqueItems = true, schema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = Identifier.PATTERN),
                arraySchema = @Schema(example = "[\"admins\", \"users\"]")) List<String> groups) {

    static UserResponse of(User user) {
        return new UserResponse(user.firstName().value(), user.lastName().value(), user.userid().value(),
                user.groups().stream().map(GroupName::value).toList());
    }
}

package org.portside.rest.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.User;

/** A user record as clients see it: all four fields, always; groups sorted. */
@JsonInclude(JsonInclude.Include.ALWAYS) // all fields, always: an empty list is [], not absent
@Serdeable(naming = SnakeCaseStrategy.class)
@Schema(name = "User", description = "A user record; groups are sorted and the group view always agrees with them")
public record UserResponse(
        @Schema(example = "Joe") String firstName,
        @Schema(example = "Smith") String lastName,
        @Schema(example = "jsmith", pattern = "^[A-Za-z0-9._-]{1,64}$") String userid,
        @Schema(example = "[\"admins\", \"users\"]") List<String> groups) {

    static UserResponse of(User user) {
        return new UserResponse(user.firstName().value(), user.lastName().value(), user.userid().value(),
                user.groups().stream().map(GroupName::value).toList());
    }
}

package org.portside.rest.users;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.portside.domain.shared.Identifier;
import org.portside.domain.shared.Text;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;
import org.portside.rest.shared.BodyFields;

/**
 * The body of {@code POST /users}: a whole user record, userid included. Read by
 * {@link org.portside.rest.shared.RequestBodies} against the schema generated from this type.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@Schema(name = "NewUser", description = "A user to create; the userid is part of the body.",
        additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record UserInput(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = PersonName.MAX_LENGTH, pattern = Text.NON_BLANK, example = "Joe") String firstName,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = PersonName.MAX_LENGTH, pattern = Text.NON_BLANK, example = "Smith") String lastName,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = Identifier.PATTERN, example = "jsmith") String userid,
        @ArraySchema(uniqueItems = true, schema = @Schema(pattern = Identifier.PATTERN),
                arraySchema = @Schema(nullable = false, description = "the user's groups, each named once; a group that does not exist is created; omitted means none",
                        example = "[\"admins\", \"users\"]")) @Schema(nullable = false) Optional<List<String>> groups) {

    /** The same fields at a userid the URL names: the body's userid may then be left out. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "UserAtUrl", description = "A user record at the URL's userid; a userid in the body must equal it.",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record AtUrl(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = PersonName.MAX_LENGTH, pattern = Text.NON_BLANK, example = "Joe") String firstName,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = PersonName.MAX_LENGTH, pattern = Text.NON_BLANK, example = "Smith") String lastName,
            @Schema(nullable = false, pattern = Identifier.PATTERN, description = "absent, or equal to the URL's userid (a userid never changes)",
                    example = "jsmith") Optional<String> userid,
            @ArraySchema(uniqueItems = true, schema = @Schema(pattern = Identifier.PATTERN),
                    arraySchema = @Schema(nullable = false, description = "the user's groups, each named once; a group that does not exist is created; omitted means none",
                            example = "[\"admins\", \"users\"]")) @Schema(nullable = false) Optional<List<String>> groups) {

        User toUser(UserId url) {
            BodyFields fields = new BodyFields();
            if (userid.isPresent() && !userid.get().equals(url.value())) {
                fields.error("/userid", "must be absent or equal to the userid in the URL ('" + url + "'); a userid cannot be changed");
            }
            return user(fields, firstName, lastName, url, groups);
        }
    }

    User toUser() {
        BodyFields fields = new BodyFields();
        return user(fields, firstName, lastName, fields.at("/userid", () -> new UserId(userid)), groups);
    }

    private static User user(BodyFields fields, String first, String last, UserId userid, Optional<List<String>> groupNames) {
        PersonName firstName = fields.at("/first_name", () -> new PersonName(first));
        PersonName lastName = fields.at("/last_name", () -> new PersonName(last));
        List<String> names = groupNames.orElse(List.of());
        List<GroupName> groups = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            groups.add(fields.at("/groups/" + i, () -> new GroupName(name)));
        }
        fields.finish();
        return User.of(userid, firstName, lastName, groups);
    }
}

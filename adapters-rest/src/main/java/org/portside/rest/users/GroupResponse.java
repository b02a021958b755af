package org.portside.rest.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.portside.domain.shared.Identifier;
import java.util.List;
import org.portside.domain.users.Group;
import org.portside.domain.users.UserId;

/** A group as returned on creation: its name and (sorted) member userids. */
@JsonInclude(JsonInclude.Include.ALWAYS) // all fields, always: an empty list is [], not absent
@Serdeable
@Schema(name = "Group", description = "A group and its members' userids, sorted.")
record GroupResponse(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = Identifier.PATTERN, example = "admins") String name,
                     @ArraySchema(uniqueItems = true, schema = @Schema(pattern = Identifier.PATTERN), arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "[]")) List<String> userids) {

    static GroupResponse of(Group group) {
        return new GroupResponse(group.name().value(), members(group));
    }

    static List<String> members(Group group) {
        return group.members().stream().map(UserId::value).toList();
    }
}

package org.portside.rest.users;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;
import org.portside.rest.shared.BadRequest;
import org.portside.rest.shared.JsonBody;
import org.portside.rest.shared.JsonObjectReader;

/** Reads user bodies into {@link User}s, reporting every bad field with its JSON Pointer. */
@Singleton
final class UserBodies {

    private static final List<String> FIELDS = List.of("first_name", "last_name", "userid", "groups");

    private final JsonBody json;

    UserBodies(JsonBody json) {
        this.json = json;
    }

    /**
     * @param urlUserid the userid in the URL, if the route has one: the body's must then be absent or equal
     */
    User read(String body, Optional<UserId> urlUserid) {
        JsonObjectReader fields = json.object(body, FIELDS);
        PersonName first = fields.requiredString("first_name", PersonName::new);
        PersonName last = fields.requiredString("last_name", PersonName::new);
        UserId bodyUserid = urlUserid.isPresent()
                ? fields.optionalString("userid", UserId::new).orElse(null)
                : fields.requiredString("userid", UserId::new);
        List<GroupName> groups = fields.optionalStringList("groups", GroupName::new, true).orElse(List.of());
        fields.finish();
        if (urlUserid.isPresent() && bodyUserid != null && !bodyUserid.equals(urlUserid.get())) {
            throw BadRequest.at("/userid", "must be absent or equal to the userid in the URL ('"
                    + urlUserid.get() + "'); a userid cannot be changed");
        }
        return User.of(urlUserid.orElse(bodyUserid), first, last, groups);
    }
}

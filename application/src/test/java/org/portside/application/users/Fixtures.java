package org.portside.application.users;

import java.util.Arrays;
import java.util.List;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;

final class Fixtures {

    private Fixtures() {
    }

    static User user(String userid, String... groups) {
        return User.of(new UserId(userid), new PersonName("Joe"), new PersonName("Smith"),
                Arrays.stream(groups).map(GroupName::new).toList());
    }

    static List<String> names(java.util.Collection<GroupName> groups) {
        return groups.stream().map(GroupName::value).toList();
    }

    static List<String> ids(java.util.Collection<UserId> ids) {
        return ids.stream().map(UserId::value).toList();
    }
}

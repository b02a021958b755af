package org.portside.persistence.users;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.portside.application.users.port.out.UserStore;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;
import org.portside.persistence.shared.TranslatesOutages;

@Singleton
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcUserStore implements UserStore {

    private final UserRows rows;

    JdbcUserStore(UserRows rows) {
        this.rows = rows;
    }

    @Override
    public Optional<User> find(UserId userid) {
        return rows.findWithGroups(userid.value()).map(JdbcUserStore::toUser);
    }

    @Override
    public Set<UserId> existing(Collection<UserId> userids) {
        if (userids.isEmpty()) {
            return Set.of();
        }
        List<String> ids = userids.stream().map(UserId::value).toList();
        return rows.findExistingForKeyShare(ids).stream()
                .map(row -> new UserId(row.userid()))
                .collect(Collectors.toSet());
    }

    @Override
    public boolean insertIfAbsent(User user) {
        return rows.insertWithGroups(user.userid().value(), user.firstName().value(), user.lastName().value(),
                groupNames(user)) > 0;
    }

    @Override
    public boolean update(User user) {
        return rows.updateWithGroups(user.userid().value(), user.firstName().value(), user.lastName().value(),
                groupNames(user)) > 0;
    }

    @Override
    public boolean delete(UserId userid) {
        return rows.deleteByUserid(userid.value()) > 0; // memberships go with it (ON DELETE CASCADE)
    }

    private static String[] groupNames(User user) {
        return user.groups().stream().map(GroupName::value).sorted().toArray(String[]::new);
    }

    private static User toUser(UserView row) {
        return User.of(new UserId(row.userid()), new PersonName(row.firstName()), new PersonName(row.lastName()),
                Arrays.stream(row.groups()).map(GroupName::new).toList());
    }
}

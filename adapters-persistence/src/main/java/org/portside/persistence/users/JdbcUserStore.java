package org.portside.persistence.users;

import jakarta.inject.Singleton;
import org.portside.persistence.shared.TranslatesOutages;
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
import org.portside.persistence.shared.RowLocks;

@Singleton
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcUserStore implements UserStore {

    private final UserRows rows;
    private final RowLocks locks;

    JdbcUserStore(UserRows rows, RowLocks locks) {
        this.rows = rows;
        this.locks = locks;
    }

    @Override
    public Optional<User> find(UserId userid) {
        return rows.findById(userid.value()).map(this::toUser);
    }

    @Override
    public Optional<User> findForUpdate(UserId userid) {
        // blocks other writers of this user, not key-share readers such as membership checks
        return locks.lockThenRead("SELECT 1 FROM users WHERE userid = ? FOR NO KEY UPDATE", userid.value(),
                () -> find(userid));
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
        if (rows.insertIfAbsent(user.userid().value(), user.firstName().value(), user.lastName().value()) == 0) {
            return false;
        }
        joinAll(user);
        return true;
    }

    @Override
    public void update(User user) {
        if (rows.updateNames(user.userid().value(), user.firstName().value(), user.lastName().value()) == 0) {
            throw new IllegalStateException("user " + user.userid() + " vanished inside its own transaction");
        }
        rows.leaveAllGroups(user.userid().value());
        joinAll(user);
    }

    @Override
    public boolean delete(UserId userid) {
        return rows.deleteByUserid(userid.value()) > 0; // memberships go with it (ON DELETE CASCADE)
    }

    private void joinAll(User user) {
        user.groups().forEach(group -> rows.join(group.value(), user.userid().value()));
    }

    private User toUser(UserRow row) {
        return User.of(new UserId(row.userid()), new PersonName(row.firstName()), new PersonName(row.lastName()),
                rows.findGroupNames(row.userid()).stream().map(GroupName::new).toList());
    }
}

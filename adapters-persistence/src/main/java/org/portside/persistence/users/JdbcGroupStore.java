package org.portside.persistence.users;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.portside.application.users.port.out.GroupStore;
import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.UserId;
import org.portside.persistence.shared.TranslatesOutages;

@Singleton
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcGroupStore implements GroupStore {

    /**
     * Locks and reads at once, serialising member replacement per group with {@code FOR NO KEY
     * UPDATE}, which a membership's key-share lock (its foreign key check) does not conflict with.
     * Through {@link JdbcOperations}, not {@code @Query}: Micronaut Data 4.14's raw-query classifier
     * takes any statement naming UPDATE, except {@code FOR UPDATE}, for a write and fails on its
     * result set; and {@code FOR UPDATE} here deadlocks with concurrent user updates joining the group
     * (seen in {@code UsersEndToEndTest}: membership inserts queue behind it while holding row locks
     * the replacement needs).
     */
    private static final String LOCK_WITH_MEMBERS = GroupRows.WITH_MEMBERS.replace(":name", "?") + " FOR NO KEY UPDATE OF g";

    private final GroupRows groups;
    private final JdbcOperations jdbc;

    JdbcGroupStore(GroupRows groups, JdbcOperations jdbc) {
        this.groups = groups;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Group> find(GroupName name) {
        return groups.findWithMembers(name.value()).map(JdbcGroupStore::toGroup);
    }

    @Override
    public Optional<Group> findForUpdate(GroupName name) {
        return jdbc.prepareStatement(LOCK_WITH_MEMBERS, statement -> {
            statement.setString(1, name.value());
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(toGroup(new GroupView(row.getString("name"), (String[]) row.getArray("members").getArray())))
                        : Optional.<Group>empty();
            }
        });
    }

    @Override
    public boolean insertIfAbsent(GroupName name) {
        return groups.insertIfAbsent(name.value()) > 0;
    }

    @Override
    public void replaceMembers(GroupName name, Set<UserId> members) {
        groups.replaceMembers(name.value(), members.stream().map(UserId::value).sorted().toArray(String[]::new));
    }

    @Override
    public boolean delete(GroupName name) {
        return groups.deleteByName(name.value()) > 0; // memberships go with it (ON DELETE CASCADE)
    }

    private static Group toGroup(GroupView row) {
        return Group.of(new GroupName(row.name()), Arrays.stream(row.members()).map(UserId::new).toList());
    }
}

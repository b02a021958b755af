package org.portside.persistence.users;

import jakarta.inject.Singleton;
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

    private final GroupRows groups;

    JdbcGroupStore(GroupRows groups) {
        this.groups = groups;
    }

    @Override
    public Optional<Group> find(GroupName name) {
        return groups.findWithMembers(name.value()).map(JdbcGroupStore::toGroup);
    }

    @Override
    public Optional<Group> findForUpdate(GroupName name) {
        return groups.findWithMembersForUpdate(name.value()).map(JdbcGroupStore::toGroup);
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

package org.portside.persistence.users;

import jakarta.inject.Singleton;
import org.portside.persistence.shared.TranslatesOutages;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.portside.application.users.port.out.GroupStore;
import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.UserId;
import org.portside.persistence.shared.RowLocks;

@Singleton
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcGroupStore implements GroupStore {

    private final GroupRows groups;
    private final UserRows users;
    private final RowLocks locks;

    JdbcGroupStore(GroupRows groups, UserRows users, RowLocks locks) {
        this.groups = groups;
        this.users = users;
        this.locks = locks;
    }

    @Override
    public Optional<Group> find(GroupName name) {
        return groups.findById(name.value()).map(this::toGroup);
    }

    @Override
    public Optional<Group> findForUpdate(GroupName name) {
        // serialises member replacement per group; key-share locks (membership inserts) still pass
        return locks.lockThenRead("SELECT 1 FROM groups WHERE name = ? FOR NO KEY UPDATE", name.value(),
                () -> find(name));
    }

    @Override
    public boolean insertIfAbsent(GroupName name) {
        return groups.insertIfAbsent(name.value()) > 0;
    }

    @Override
    public void createMissing(Collection<GroupName> names) {
        // sorted, so concurrent creators take the same key locks in the same order
        names.stream().sorted().forEach(name -> groups.insertIfAbsent(name.value()));
    }

    @Override
    public void replaceMembers(GroupName name, Set<UserId> members) {
        groups.removeAllMembers(name.value());
        members.stream().sorted().forEach(member -> users.join(name.value(), member.value()));
    }

    @Override
    public boolean delete(GroupName name) {
        return groups.deleteByName(name.value()) > 0; // memberships go with it (ON DELETE CASCADE)
    }

    private Group toGroup(GroupRow row) {
        return Group.of(new GroupName(row.name()), groups.findMemberIds(row.name()).stream().map(UserId::new).toList());
    }
}

package org.portside.application.users.inmemory;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.portside.application.users.port.out.GroupStore;
import org.portside.application.users.port.out.UserStore;
import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;

/**
 * Users, groups and the one membership relation between them, in memory. Implements both stores so
 * that, as in the database, the user view and the group view are two readings of the same pairs.
 * Meant to be used with {@link org.portside.application.shared.inmemory.InMemoryTransactions}.
 */
public final class InMemoryDirectory implements UserStore, GroupStore {

    private record Names(PersonName first, PersonName last) {
    }

    private record Membership(GroupName group, UserId user) {
    }

    private final Map<UserId, Names> users = new ConcurrentHashMap<>();
    private final Set<GroupName> groups = ConcurrentHashMap.newKeySet();
    private final Set<Membership> memberships = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<User> find(UserId userid) {
        Names names = users.get(userid);
        if (names == null) {
            return Optional.empty();
        }
        Set<GroupName> of = memberships.stream().filter(m -> m.user().equals(userid))
                .map(Membership::group).collect(Collectors.toSet());
        return Optional.of(User.of(userid, names.first(), names.last(), of));
    }

    @Override
    public Set<UserId> existing(Collection<UserId> userids) {
        Set<UserId> found = new HashSet<>(userids);
        found.retainAll(users.keySet());
        return found;
    }

    @Override
    public boolean insertIfAbsent(User user) {
        if (users.putIfAbsent(user.userid(), new Names(user.firstName(), user.lastName())) != null) {
            return false;
        }
        groups.addAll(user.groups());
        user.groups().forEach(g -> memberships.add(new Membership(g, user.userid())));
        return true;
    }

    @Override
    public boolean update(User user) {
        if (users.replace(user.userid(), new Names(user.firstName(), user.lastName())) == null) {
            return false;
        }
        groups.addAll(user.groups());
        memberships.removeIf(m -> m.user().equals(user.userid()));
        user.groups().forEach(g -> memberships.add(new Membership(g, user.userid())));
        return true;
    }

    @Override
    public boolean delete(UserId userid) {
        memberships.removeIf(m -> m.user().equals(userid));
        return users.remove(userid) != null;
    }

    @Override
    public Optional<Group> find(GroupName name) {
        if (!groups.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(Group.of(name, memberships.stream().filter(m -> m.group().equals(name))
                .map(Membership::user).collect(Collectors.toSet())));
    }

    @Override
    public Optional<Group> findForUpdate(GroupName name) {
        return find(name);
    }

    @Override
    public boolean insertIfAbsent(GroupName name) {
        return groups.add(name);
    }

    @Override
    public void replaceMembers(GroupName name, Set<UserId> members) {
        if (!groups.contains(name) || !users.keySet().containsAll(members)) {
            throw new IllegalStateException("group and members must exist");
        }
        memberships.removeIf(m -> m.group().equals(name));
        members.forEach(u -> memberships.add(new Membership(name, u)));
    }

    @Override
    public boolean delete(GroupName name) {
        memberships.removeIf(m -> m.group().equals(name));
        return groups.remove(name);
    }
}

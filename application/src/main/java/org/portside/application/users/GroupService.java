package org.portside.application.users;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.users.port.in.CreateGroup;
import org.portside.application.users.port.in.GetGroup;
import org.portside.application.users.port.in.RemoveGroup;
import org.portside.application.users.port.in.ReplaceGroupMembers;
import org.portside.application.users.port.out.GroupStore;
import org.portside.application.users.port.out.UserStore;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;
import org.portside.domain.shared.Violation;
import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.UserId;

/** The group use cases. Each one is a single transaction, so a refused request leaves no trace. */
public final class GroupService implements CreateGroup, GetGroup, ReplaceGroupMembers, RemoveGroup {

    private final GroupStore groups;
    private final UserStore users;
    private final Transactions transactions;

    public GroupService(GroupStore groups, UserStore users, Transactions transactions) {
        this.groups = groups;
        this.users = users;
        this.transactions = transactions;
    }

    @Override
    public Group create(GroupName name) {
        return transactions.singleStatement(() -> {
            if (!groups.insertIfAbsent(name)) {
                throw new Conflict("group-exists", "a group named '" + name + "' already exists");
            }
            return Group.empty(name);
        });
    }

    @Override
    public Group get(GroupName name) {
        return groups.find(name).orElseThrow(() -> notFound(name));
    }

    @Override
    public Group replace(GroupName name, List<UserId> members) {
        rejectDuplicates(members);
        return transactions.inTransaction(() -> {
            groups.findForUpdate(name).orElseThrow(() -> notFound(name));
            Set<UserId> wanted = new LinkedHashSet<>(members);
            Set<UserId> known = users.existing(wanted);
            if (!known.containsAll(wanted)) {
                throw unknownUsers(members, known);
            }
            groups.replaceMembers(name, wanted);
            return Group.of(name, wanted);
        });
    }

    @Override
    public void remove(GroupName name) {
        transactions.runSingleStatement(() -> {
            if (!groups.delete(name)) {
                throw notFound(name);
            }
        });
    }

    private static void rejectDuplicates(List<UserId> members) {
        Map<UserId, Integer> firstSeen = new HashMap<>();
        List<Violation> repeats = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Integer first = firstSeen.putIfAbsent(members.get(i), i);
            if (first != null) {
                repeats.add(new Violation(String.valueOf(i), "'" + members.get(i) + "' is already listed at position " + first));
            }
        }
        if (!repeats.isEmpty()) {
            throw new Invalid("duplicate-members", "a userid may be listed only once", repeats);
        }
    }

    private static Invalid unknownUsers(List<UserId> members, Set<UserId> known) {
        List<Violation> unknown = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (!known.contains(members.get(i))) {
                unknown.add(new Violation(String.valueOf(i), "no user with userid '" + members.get(i) + "'"));
            }
        }
        String names = unknown.stream().map(v -> members.get(Integer.parseInt(v.field())).value())
                .collect(Collectors.joining(", "));
        return new Invalid("unknown-users", "unknown userids: " + names + "; nothing was changed", unknown);
    }

    private static NotFound notFound(GroupName name) {
        return new NotFound("group-not-found", "no group named '" + name + "'");
    }
}

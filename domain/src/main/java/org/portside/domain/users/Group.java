package org.portside.domain.users;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.portside.domain.shared.Require;

/** A group and its members, sorted by user id. */
public record Group(GroupName name, SortedSet<UserId> members) {

    public Group {
        Require.nonNull(name, "name");
        members = Collections.unmodifiableSortedSet(new TreeSet<>(Require.nonNull(members, "members")));
    }

    public static Group empty(GroupName name) {
        return new Group(name, new TreeSet<>());
    }

    public static Group of(GroupName name, Collection<UserId> members) {
        return new Group(name, new TreeSet<>(members));
    }
}

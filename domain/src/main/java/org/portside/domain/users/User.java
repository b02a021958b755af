package org.portside.domain.users;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.portside.domain.shared.Require;

/**
 * A user record. The groups are kept sorted and free of duplicates, so every view of a user lists
 * them the same way. Immutable: a change is a new {@code User}.
 */
public record User(UserId userid, PersonName firstName, PersonName lastName, SortedSet<GroupName> groups) {

    public User {
        Require.nonNull(userid, "userid");
        Require.nonNull(firstName, "firstName");
        Require.nonNull(lastName, "lastName");
        groups = Collections.unmodifiableSortedSet(new TreeSet<>(Require.nonNull(groups, "groups")));
    }

    public static User of(UserId userid, PersonName firstName, PersonName lastName, Collection<GroupName> groups) {
        return new User(userid, firstName, lastName, new TreeSet<>(groups));
    }
}

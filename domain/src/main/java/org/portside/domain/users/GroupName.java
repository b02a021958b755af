package org.portside.domain.users;

import org.portside.domain.shared.Identifier;

/** A group's name: 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}. */
public record GroupName(String value) implements Comparable<GroupName> {

    public GroupName {
        Identifier.require(value, "name");
    }

    @Override
    public int compareTo(GroupName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.portside.domain.users;

import org.portside.domain.shared.Identifier;

/** A user's immutable id: 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}. */
public record UserId(String value) implements Comparable<UserId> {

    public UserId {
        Identifier.require(value, "userid");
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

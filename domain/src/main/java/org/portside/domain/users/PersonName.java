package org.portside.domain.users;

import org.portside.domain.shared.Text;

/** A first or last name: any non-blank text of at most {@value #MAX_LENGTH} characters. */
public record PersonName(String value) {

    public static final int MAX_LENGTH = 256;

    public PersonName {
        Text.requireNonBlank(value, "name", MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}

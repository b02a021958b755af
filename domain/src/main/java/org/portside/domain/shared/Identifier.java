package org.portside.domain.shared;

import java.util.regex.Pattern;

/**
 * The rule for names that appear in URLs (user ids, group names): 1 to 64 characters of
 * {@code A-Z a-z 0-9 . _ -}. Shared so every context spells the rule, and its message, the same way.
 */
public final class Identifier {

    public static final int MAX_LENGTH = 64;
    /** The rule as a regular expression, anchored: adapters publish it (e.g. in an API document) as is. */
    public static final String PATTERN = "^[A-Za-z0-9._-]{1," + MAX_LENGTH + "}$";
    private static final Pattern SHAPE = Pattern.compile(PATTERN);
    public static final String EXPECTED = "must be 1 to " + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ -";

    private Identifier() {
    }

    /** Returns {@code value} if it has the identifier shape, else throws {@link Invalid} naming {@code field}. */
    public static String require(String value, String field) {
        if (value == null) {
            throw Invalid.field(field, "is required");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw Invalid.field(field, EXPECTED);
        }
        return value;
    }
}

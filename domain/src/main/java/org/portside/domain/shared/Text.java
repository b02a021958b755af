package org.portside.domain.shared;

/** Rules for free text fields: present, not blank, and of bounded length counted in code points. */
public final class Text {

    private Text() {
    }

    public static String requireNonBlank(String value, String field, int maxCodePoints) {
        if (value == null) {
            throw Invalid.field(field, "is required");
        }
        if (value.isBlank()) {
            throw Invalid.field(field, "must not be blank");
        }
        return requireAtMost(value, field, maxCodePoints);
    }

    public static String requireAtMost(String value, String field, int maxCodePoints) {
        if (value.codePointCount(0, value.length()) > maxCodePoints) {
            throw Invalid.field(field, "must be at most " + maxCodePoints + " characters");
        }
        return value;
    }
}

package org.portside.domain.shared;

/** Rules for free text fields: present, not blank, bounded in code points, and storable (no NUL). */
public final class Text {

    /** "Not blank" as an (unanchored) regular expression: some character that is not white space. */
    public static final String NON_BLANK = "\\S";

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
        if (value.indexOf('\u0000') >= 0) {
            throw Invalid.field(field, "must not contain the NUL character (U+0000)");
        }
        return value;
    }
}

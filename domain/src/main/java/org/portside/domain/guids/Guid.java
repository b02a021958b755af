package org.portside.domain.guids;

import java.util.UUID;
import org.portside.domain.shared.Invalid;

/** A GUID: exactly 32 characters of {@code 0-9A-F} (uppercase hex, no dashes). */
public record Guid(String value) {

    /**
     * The shape as an anchored regular expression, for adapters to publish as is. The constructor checks
     * the same shape with a loop ({@link #hasShape}; GuidTest holds the two to agreeing on every
     * character): the regular expression's matcher was 2 % of the CPU a cached {@code GET /guid/{guid}} takes.
     */
    public static final String PATTERN = "^[0-9A-F]{32}$";
    private static final int LENGTH = 32;

    public Guid {
        if (value == null) {
            throw Invalid.field("guid", "is required");
        }
        if (!hasShape(value)) {
            throw Invalid.field("guid", explain(value));
        }
    }

    /** Whether {@code value} matches {@link #PATTERN}. */
    static boolean hasShape(String value) {
        if (value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'A' || c > 'F')) {
                return false;
            }
        }
        return true;
    }

    /** The 128 bits of a (random, version 4) UUID as 32 uppercase hex digits. */
    public static Guid of(UUID uuid) {
        return new Guid(String.format("%016X%016X", uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()));
    }

    private static String explain(String value) {
        if (value.length() != LENGTH) {
            return "must be exactly 32 characters of 0-9 A-F, not " + value.length();
        }
        if (hasShape(value.toUpperCase(java.util.Locale.ROOT))) {
            return "must be uppercase hex (0-9 A-F); lowercase is not accepted";
        }
        return "must be 32 characters of 0-9 A-F only";
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.portside.domain.shared;

/** Guards for the programming errors that value objects must not accept (null where null makes no sense). */
public final class Require {

    private Require() {
    }

    public static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new NullPointerException(what + " must not be null");
        }
        return value;
    }

    public static String nonBlank(String value, String what) {
        if (nonNull(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}

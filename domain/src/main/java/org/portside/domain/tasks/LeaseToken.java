package org.portside.domain.tasks;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The proof that a worker holds a task's current lease: 128 random bits, written as 32 lowercase hex
 * digits. Unguessable, so only the worker the claim answered can heartbeat, complete or fail it.
 */
public record LeaseToken(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public LeaseToken {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a lease token: " + value);
        }
    }

    public static LeaseToken random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return new LeaseToken(HexFormat.of().formatHex(bits));
    }

    /** The token a worker sends, if it could be one; anything else is no task's lease. */
    public static Optional<LeaseToken> parse(String raw) {
        return isWellFormed(raw) ? Optional.of(new LeaseToken(raw)) : Optional.empty();
    }

    private static boolean isWellFormed(String raw) {
        return raw != null && raw.matches("[0-9a-f]{32}");
    }

    @Override
    public String toString() {
        return value;
    }
}

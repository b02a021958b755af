package org.portside.domain.guids;

import java.time.Instant;
import org.portside.domain.shared.Invalid;

/** When a GUID stops counting as existing: a Unix time in whole seconds, from 0 to the end of year 9999. */
public record Expiry(long epochSecond) implements Comparable<Expiry> {

    /** 9999-12-31T23:59:59Z. */
    public static final long MAX = 253_402_300_799L;

    public Expiry {
        if (epochSecond < 0) {
            throw Invalid.field("expire", "must not be negative");
        }
        if (epochSecond > MAX) {
            throw Invalid.field("expire", "must not be after 9999-12-31T23:59:59Z (" + MAX + ")");
        }
    }

    public static Expiry at(Instant instant) {
        return new Expiry(instant.getEpochSecond());
    }

    public Instant instant() {
        return Instant.ofEpochSecond(epochSecond);
    }

    /** Expired from its own second on: at {@code expire} the GUID no longer counts. */
    public boolean hasPassedAt(Instant now) {
        return now.getEpochSecond() >= epochSecond;
    }

    /** @throws Invalid if this expiry is not after {@code now} */
    public Expiry requireFutureOf(Instant now) {
        if (hasPassedAt(now)) {
            throw Invalid.field("expire", "must be in the future (now is " + now.getEpochSecond() + ")");
        }
        return this;
    }

    @Override
    public int compareTo(Expiry other) {
        return Long.compare(epochSecond, other.epochSecond);
    }
}

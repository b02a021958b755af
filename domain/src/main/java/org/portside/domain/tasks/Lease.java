package org.portside.domain.tasks;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.Require;

/** A worker's hold on a RUNNING task, until {@code expires} (to the millisecond); then the task is due again. */
public record Lease(LeaseToken token, Instant expires) {

    public static final int MIN_SECONDS = 1;
    public static final int MAX_SECONDS = 3600;
    public static final int DEFAULT_SECONDS = 60;

    public Lease {
        Require.nonNull(token, "token");
        expires = Require.nonNull(expires, "expires").truncatedTo(ChronoUnit.MILLIS);
    }

    /** A lease duration a worker asks for, checked: from 1 s to an hour. */
    public static Duration duration(int seconds) {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw Invalid.field("lease_seconds", "must be from " + MIN_SECONDS + " to " + MAX_SECONDS);
        }
        return Duration.ofSeconds(seconds);
    }

    public boolean isExpiredAt(Instant now) {
        return !expires.isAfter(now);
    }
}

package org.portside.domain.tasks;

import java.time.Duration;
import org.portside.domain.shared.Invalid;

/**
 * How often a task may run and how long it waits between runs: a failed attempt with attempts left is
 * scheduled again after {@code backoffSeconds × 2^(attempt − 1)}, varied by ±20 % so that tasks that
 * failed together do not all come back together, and never more than an hour.
 */
public record Retries(int maxAttempts, int backoffSeconds) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final int MAX_MAX_ATTEMPTS = 100;
    public static final int DEFAULT_BACKOFF_SECONDS = 10;
    public static final int MAX_BACKOFF_SECONDS = 3600;
    public static final Duration MAX_DELAY = Duration.ofHours(1);
    /** The jitter: the delay is scaled by a factor from 1 − JITTER to 1 + JITTER. */
    public static final double JITTER = 0.2;
    public static final Retries DEFAULT = new Retries(DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF_SECONDS);

    public Retries {
        if (maxAttempts < 1 || maxAttempts > MAX_MAX_ATTEMPTS) {
            throw Invalid.field("max_attempts", "must be from 1 to " + MAX_MAX_ATTEMPTS);
        }
        if (backoffSeconds < 0 || backoffSeconds > MAX_BACKOFF_SECONDS) {
            throw Invalid.field("backoff_seconds", "must be from 0 to " + MAX_BACKOFF_SECONDS);
        }
    }

    /** Whether another attempt may follow attempt number {@code attempt}. */
    public boolean allowAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /**
     * The wait after attempt number {@code attempt} (1 for the first) failed; {@code uniform} is a
     * random number in [0, 1) choosing where in the jitter band it falls.
     */
    public Duration delayAfter(int attempt, double uniform) {
        if (uniform < 0 || uniform >= 1) {
            throw new IllegalArgumentException("uniform must be in [0, 1): " + uniform);
        }
        double base = backoffSeconds * Math.pow(2, Math.max(0, attempt - 1));
        double jittered = base * (1 - JITTER + 2 * JITTER * uniform);
        long millis = (long) Math.min(jittered * 1000, MAX_DELAY.toMillis());
        return Duration.ofMillis(millis);
    }
}

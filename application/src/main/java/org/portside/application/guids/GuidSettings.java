package org.portside.application.guids;

import java.time.Duration;
import org.portside.domain.shared.Require;

/**
 * @param defaultLifetime how long a GUID created without {@code expire} lives
 * @param cacheTtl        the longest a GUID stays cached (never past its own expiry)
 * @param purgeBatchSize  how many expired GUIDs one purge step deletes at most
 */
public record GuidSettings(Duration defaultLifetime, Duration cacheTtl, int purgeBatchSize) {

    public static final GuidSettings DEFAULTS = new GuidSettings(Duration.ofDays(30), Duration.ofMinutes(10), 1_000);

    public GuidSettings {
        Require.nonNull(defaultLifetime, "defaultLifetime");
        Require.nonNull(cacheTtl, "cacheTtl");
        if (defaultLifetime.isNegative() || defaultLifetime.isZero() || cacheTtl.isNegative() || purgeBatchSize < 1) {
            throw new IllegalArgumentException("lifetimes must be positive and the purge batch at least 1");
        }
    }
}

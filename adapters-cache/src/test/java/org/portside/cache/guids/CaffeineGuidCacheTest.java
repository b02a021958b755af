package org.portside.cache.guids;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.cache.shared.CacheMetrics;

class CaffeineGuidCacheTest extends GuidCacheContract {

    final CacheMetrics metrics = new CacheMetrics(new SimpleMeterRegistry(), "guids");
    final CaffeineGuidCache cache = new CaffeineGuidCache(100, metrics);

    @Override
    GuidCache cache() {
        return cache;
    }

    @Override
    CacheMetrics metrics() {
        return metrics;
    }

    @Test
    void only_the_most_recently_used_entries_stay() {
        for (int i = 0; i < 1_000; i++) {
            cache.put(record("n" + i), Duration.ofMinutes(1));
        }
        cache.cleanUp();
        assertTrue(cache.size() <= 100, "bounded: " + cache.size());
    }
}

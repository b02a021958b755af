package org.portside.cache.guids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.domain.guids.GuidRecord;
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
    void entries_in_use_stay_while_a_scan_of_new_ones_passes_and_the_size_stays_bounded() {
        List<GuidRecord> hot = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            GuidRecord r = record("hot" + i);
            cache.put(r, Duration.ofMinutes(1));
            hot.add(r);
        }
        for (int scan = 0; scan < 1_000; scan++) {
            cache.put(record("cold" + scan), Duration.ofMinutes(1));   // each read at most never, once written
            if (scan % 50 == 0) {
                hot.forEach(r -> get(cache, r.guid()));                  // the entries in use keep being read
            }
        }
        cache.cleanUp();
        assertTrue(cache.size() <= 100, "bounded: " + cache.size());
        for (GuidRecord r : hot) {
            assertEquals(Optional.of(r), get(cache, r.guid()), "an entry in use survived the scan");
        }
    }
}

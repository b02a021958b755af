package org.portside.cache.guids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.cache.shared.CacheMetrics;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;

/** What every {@link GuidCache} does; run against Caffeine and against a real Redis. */
abstract class GuidCacheContract {

    abstract GuidCache cache();

    abstract CacheMetrics metrics();

    static GuidRecord record(String owner) {
        return new GuidRecord(Guid.of(UUID.randomUUID()), new Expiry(4_000_000_000L), new Owner(owner));
    }

    static Optional<GuidRecord> get(GuidCache cache, Guid guid) {
        return cache.get(guid).toCompletableFuture().join();
    }

    @Test
    void returns_what_was_put_until_evicted() {
        GuidRecord r = record("Cylance, Inc.\nwith a newline ünïcødé");
        assertTrue(get(cache(), r.guid()).isEmpty());
        cache().put(r, Duration.ofMinutes(1)).toCompletableFuture().join();
        assertEquals(Optional.of(r), get(cache(), r.guid()));
        cache().evict(r.guid()).toCompletableFuture().join();
        assertTrue(get(cache(), r.guid()).isEmpty());
    }

    @Test
    void a_newer_put_replaces_the_entry() {
        GuidRecord r = record("a");
        cache().put(r, Duration.ofMinutes(1)).toCompletableFuture().join();
        GuidRecord changed = new GuidRecord(r.guid(), r.expire(), new Owner("b"));
        cache().put(changed, Duration.ofMinutes(1)).toCompletableFuture().join();
        assertEquals(Optional.of(changed), get(cache(), r.guid()));
    }

    @Test
    void entries_do_not_outlive_their_ttl() {
        GuidRecord r = record("short-lived");
        cache().put(r, Duration.ofMillis(150)).toCompletableFuture().join();
        Instant deadline = Instant.now().plusSeconds(3);
        while (get(cache(), r.guid()).isPresent() && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertTrue(get(cache(), r.guid()).isEmpty(), "gone after its TTL");
    }

    @Test
    void hits_and_misses_are_counted() {
        GuidRecord r = record("counted");
        double hits = metrics().hits();
        double misses = metrics().misses();
        get(cache(), r.guid());
        cache().put(r, Duration.ofMinutes(1)).toCompletableFuture().join();
        get(cache(), r.guid());
        get(cache(), r.guid());
        assertEquals(misses + 1, metrics().misses());
        assertEquals(hits + 2, metrics().hits());
    }
}

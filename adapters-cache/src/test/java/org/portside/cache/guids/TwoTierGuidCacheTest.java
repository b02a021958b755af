package org.portside.cache.guids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.cache.shared.CacheMetrics;
import org.portside.cache.shared.RedisConnector;
import org.portside.cache.shared.RedisTestServer;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;

/**
 * The near cache in front of a real Redis: the cache contract, plus what makes two tiers safe. Two
 * "instances" here are two caches with connections of their own on one Redis and one key prefix.
 */
class TwoTierGuidCacheTest extends GuidCacheContract {

    final String prefix = "portside-test-" + UUID.randomUUID() + ":";
    RedisClient client;
    RedisClient rawClient;
    RedisCommands<String, String> raw;
    Instance a;
    Instance b;

    /** One service instance's cache: its own connector, channel and near cache. */
    final class Instance {
        final CacheMetrics metrics = new CacheMetrics(new SimpleMeterRegistry(), "guids");
        final RedisConnector connector;
        final TwoTierGuidCache cache;

        Instance(String uri) {
            connector = new RedisConnector(client, RedisURI.create(uri), Duration.ofMillis(500), Duration.ofMillis(200));
            cache = new TwoTierGuidCache(new RedisGuidCache(connector, prefix, metrics),
                    connector.invalidations(prefix + "guid-invalidations"), metrics, 1000, Duration.ofMinutes(1),
                    Clock.systemUTC());
            await(() -> connector.commands().isPresent(), "connected");
            await(cache::coherent, "subscribed");
        }
    }

    @BeforeEach
    void start() {
        String uri = RedisTestServer.requireRunning();
        client = RedisClient.create();
        rawClient = RedisClient.create(uri);
        raw = rawClient.connect().sync();
        a = new Instance(uri);
        b = new Instance(uri);
    }

    @AfterEach
    void stop() {
        // the clients close every connection they made (closing them one by one first only adds warnings)
        if (client != null) {
            client.shutdown();
        }
        if (rawClient != null) {
            rawClient.shutdown();
        }
    }

    @Override
    GuidCache cache() {
        return a.cache;
    }

    @Override
    CacheMetrics metrics() {
        return a.metrics;
    }

    static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not " + what + " within 10 s");
            }
            sleep(5);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    GuidRecord filledEverywhere(String owner) {
        GuidRecord r = record(owner);
        get(a.cache, r.guid());
        a.cache.put(r, Duration.ofMinutes(5)).toCompletableFuture().join();
        assertEquals(Optional.of(r), get(a.cache, r.guid()));
        assertEquals(Optional.of(r), get(b.cache, r.guid()));
        return r;
    }

    @Test
    void a_hit_is_served_from_the_near_cache_without_asking_redis() {
        GuidRecord r = filledEverywhere("near");
        raw.del(prefix + "guid:" + r.guid().value()); // behind the cache's back: no invalidation
        assertEquals(Optional.of(r), get(a.cache, r.guid()), "still served in process");
        assertEquals(1, a.cache.nearSize());
    }

    @Test
    void another_instance_forgets_an_evicted_entry_within_100_ms() {
        GuidRecord r = filledEverywhere("before");
        long started = System.nanoTime();
        b.cache.evict(r.guid()).toCompletableFuture().join();
        await(() -> get(a.cache, r.guid()).isEmpty(), "forgotten by the other instance");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis <= 100, "took " + millis + " ms");
    }

    @Test
    void the_writing_instance_never_sees_the_old_value_after_its_evict() {
        GuidRecord r = filledEverywhere("old");
        a.cache.evict(r.guid()).toCompletableFuture().join();
        assertTrue(get(a.cache, r.guid()).isEmpty(), "gone at once on the instance that wrote");
    }

    @Test
    void a_fill_that_raced_an_invalidation_is_not_kept() {
        GuidRecord r = record("raced");
        get(a.cache, r.guid());          // a read misses both tiers, goes to the database...
        a.cache.invalidated(r.guid().value()); // ...meanwhile someone changes the GUID...
        a.cache.put(r, Duration.ofMinutes(5)).toCompletableFuture().join(); // ...and the old value arrives
        assertEquals(0, a.cache.nearSize(), "the near cache did not keep a value that may be old");
    }

    @Test
    void near_entries_never_outlive_the_guids_expiry() {
        // expiry is in whole seconds: "now + 1" may be a millisecond away by the time of the put, which then
        // (rightly) keeps nothing; "now + 2" leaves between one and two seconds
        GuidRecord r = new GuidRecord(record("x").guid(), new Expiry(Instant.now().getEpochSecond() + 2), new Owner("soon"));
        get(a.cache, r.guid());
        a.cache.put(r, Duration.ofMinutes(5)).toCompletableFuture().join();
        assertEquals(1, a.cache.nearSize());
        raw.del(prefix + "guid:" + r.guid().value());
        await(() -> a.cache.nearSize() == 0, "expired with the GUID");
    }

    @Test
    void a_dropped_connection_empties_the_near_cache() {
        GuidRecord r = filledEverywhere("before the drop");
        GuidRecord changed = new GuidRecord(r.guid(), r.expire(), new Owner("changed while a was deaf"));
        // a's subscription is cut; meanwhile the value changes and a cannot have heard of it
        assertEquals(1, a.cache.nearSize());
        raw.clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
        raw.set(prefix + "guid:" + r.guid().value(), RedisGuidCache.encode(changed));
        await(() -> a.cache.nearSize() == 0, "emptied once the drop is noticed");
        await(() -> a.cache.coherent() && b.cache.coherent(), "subscribed again");
        assertEquals(Optional.of(changed), get(a.cache, r.guid()), "the near cache was emptied, Redis asked");
    }

    @Test
    void without_redis_nothing_is_served_from_the_near_cache() {
        GuidRecord r = filledEverywhere("redis goes away");
        a.connector.close(); // the channel closes: nobody could tell a about changes any more
        await(() -> !a.cache.coherent(), "incoherent");
        assertTrue(get(a.cache, r.guid()).isEmpty(), "a miss, so the database answers");
    }
}

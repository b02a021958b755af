package org.portside.cache.guids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.cache.shared.CacheMetrics;
import org.portside.cache.shared.RedisConnector;
import org.portside.cache.shared.RedisTestServer;

/** The Redis cache against a real Redis server. */
class RedisGuidCacheTest extends GuidCacheContract {

    static RedisClient client;
    static RedisConnector connector;
    static RedisCommands<String, String> raw;
    static final String PREFIX = "portside-test-" + UUID.randomUUID() + ":";

    final CacheMetrics metrics = new CacheMetrics(new SimpleMeterRegistry(), "guids");
    final RedisGuidCache cache = new RedisGuidCache(connector, PREFIX, metrics);

    @BeforeAll
    static void connect() {
        String uri = RedisTestServer.requireRunning();
        client = RedisClient.create();
        connector = new RedisConnector(client, RedisURI.create(uri), Duration.ofMillis(500), Duration.ofSeconds(1));
        raw = RedisClient.create(uri).connect().sync();
        Instant deadline = Instant.now().plusSeconds(5);
        while (connector.commands().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
    }

    @AfterAll
    static void close() {
        if (connector != null) {
            connector.close();
            client.shutdown();
        }
    }

    @Override
    GuidCache cache() {
        return cache;
    }

    @Override
    CacheMetrics metrics() {
        return metrics;
    }

    @Test
    void keys_carry_the_prefix_and_a_ttl() {
        var r = record("ttl");
        cache.put(r, Duration.ofSeconds(30)).toCompletableFuture().join();
        String key = PREFIX + "guid:" + r.guid().value();
        assertEquals(1, raw.exists(key));
        long ttl = raw.pttl(key);
        assertTrue(ttl > 0 && ttl <= 30_000, "TTL " + ttl);
    }

    @Test
    void an_unreachable_redis_answers_misses_without_failing() {
        RedisClient deadClient = RedisClient.create();
        RedisConnector dead = new RedisConnector(deadClient, RedisURI.create("redis://127.0.0.1:1"),
                Duration.ofMillis(200), Duration.ofSeconds(60));
        try {
            CacheMetrics deadMetrics = new CacheMetrics(new SimpleMeterRegistry(), "guids");
            RedisGuidCache down = new RedisGuidCache(dead, PREFIX, deadMetrics);
            var r = record("x");
            down.put(r, Duration.ofMinutes(1)).toCompletableFuture().join();
            assertTrue(down.get(r.guid()).toCompletableFuture().join().isEmpty());
            down.evict(r.guid()).toCompletableFuture().join();
            assertEquals(3, deadMetrics.errors());
        } finally {
            dead.close();
            deadClient.shutdown();
        }
    }

    @Test
    void a_value_it_cannot_read_is_a_miss() {
        var r = record("corrupt");
        raw.set(PREFIX + "guid:" + r.guid().value(), "garbage");
        assertTrue(cache.get(r.guid()).toCompletableFuture().join().isEmpty());
    }
}

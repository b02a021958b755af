package org.portside.cache.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Which cache is chosen, and what {@code /health} says about it, against a real Redis. */
class CacheBackendTest {

    @Test
    void without_a_redis_uri_the_cache_is_in_process_and_healthy() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("redis.health.enabled", false), "test")) {
            CacheBackend backend = context.getBean(CacheBackend.class);
            assertTrue(backend.redis().isEmpty());
            assertEquals("in-process (Caffeine)", backend.description());
            assertEquals("UP", health(context).getStatus().getName());
        }
    }

    @Test
    void with_a_reachable_redis_the_cache_is_redis_and_healthy() {
        String uri = RedisTestServer.requireRunning();
        try (ApplicationContext context = ApplicationContext.run(Map.of("redis.uri", uri), "test")) {
            CacheBackend backend = context.getBean(CacheBackend.class);
            assertTrue(backend.description().startsWith("Redis at redis://"), backend.description());
            RedisConnector redis = backend.redis().orElseThrow();
            Instant deadline = Instant.now().plusSeconds(5);
            while (redis.commands().isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
            assertEquals("PONG", redis.commands().orElseThrow().ping().toCompletableFuture().join());
            HealthResult health = health(context);
            assertEquals("UP", health.getStatus().getName(), String.valueOf(health.getDetails()));
        }
    }

    @Test
    void an_unreachable_redis_degrades_health_without_failing_anything() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("redis.uri", "redis://127.0.0.1:1"), "test")) {
            RedisConnector redis = context.getBean(CacheBackend.class).redis().orElseThrow();
            assertTrue(redis.commands().isEmpty());
            HealthResult health = health(context);
            assertEquals("DEGRADED", health.getStatus().getName());
            assertTrue(health.getStatus().getOperational().orElse(false), "the service stays operational");
        }
    }

    private static HealthResult health(ApplicationContext context) {
        return Mono.from(context.getBean(CacheHealthIndicator.class).getResult()).block(Duration.ofSeconds(5));
    }
}

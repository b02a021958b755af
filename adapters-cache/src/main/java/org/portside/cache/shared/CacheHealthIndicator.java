package org.portside.cache.shared;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;

/**
 * The cache's part of {@code /health}. An unreachable Redis is reported as {@code DEGRADED}, an
 * operational status: the database is the source of truth, so the service as a whole stays up.
 */
@Singleton
final class CacheHealthIndicator implements HealthIndicator {

    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "the cache is unreachable; requests are served from the database", true, 1);
    private static final Duration PING_TIMEOUT = Duration.ofMillis(500);

    private final CacheBackend backend;

    CacheHealthIndicator(CacheBackend backend) {
        this.backend = backend;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Optional<RedisConnector> redis = backend.redis();
        if (redis.isEmpty()) {
            return Publishers.just(result(HealthStatus.UP, Map.of("backend", backend.description())));
        }
        Optional<RedisAsyncCommands<String, String>> commands = redis.get().commands();
        if (commands.isEmpty()) {
            return Publishers.just(result(DEGRADED, details(redis.get(), "not connected")));
        }
        CompletableFuture<HealthResult> ping = commands.get().ping().toCompletableFuture()
                .orTimeout(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((pong, error) -> error == null
                        ? result(HealthStatus.UP, details(redis.get(), "connected"))
                        : result(DEGRADED, details(redis.get(), RedisConnector.rootMessage(error))));
        return Publishers.fromCompletableFuture(ping);
    }

    private static Map<String, Object> details(RedisConnector redis, String state) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", "redis");
        details.put("uri", redis.describe());
        details.put("state", state);
        return details;
    }

    private static HealthResult result(HealthStatus status, Map<String, Object> details) {
        return HealthResult.builder("cache", status).details(details).build();
    }
}

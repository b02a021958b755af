package org.portside.cache.shared;

import java.util.Optional;

/**
 * Which cache the service uses: Redis when {@code redis.uri} (env {@code REDIS_URI}) is set, else
 * in process. One bean, so the start-up log and {@code /health} describe the same thing.
 */
public final class CacheBackend {

    private final RedisConnector redis;

    CacheBackend(RedisConnector redis) {
        this.redis = redis;
    }

    public Optional<RedisConnector> redis() {
        return Optional.ofNullable(redis);
    }

    /** One line for the start-up log: which cache, where. */
    public String description() {
        return redis == null ? "in-process (Caffeine)" : "Redis at " + redis.describe();
    }
}

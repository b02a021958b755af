package org.portside.cache.guids;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.cache.shared.CacheBackend;
import org.portside.cache.shared.CacheMetrics;
import org.portside.cache.shared.RedisConnector;

@Factory
class GuidCacheFactory {

    /**
     * With Redis: Redis behind an in-process near cache (unless {@code portside.cache.near.enabled}
     * is false). Without: the bounded in-process cache alone.
     */
    @Singleton
    GuidCache guidCache(CacheBackend backend, MeterRegistry registry, Clock clock,
                        @Value("${portside.cache.maximum-size:10000}") long maximumSize,
                        @Value("${portside.cache.redis.key-prefix:portside:}") String keyPrefix,
                        @Value("${portside.cache.near.enabled:true}") boolean nearEnabled,
                        @Value("${portside.cache.near.ttl:1m}") Duration nearTtl) {
        CacheMetrics metrics = new CacheMetrics(registry, "guids");
        if (backend.redis().isEmpty()) {
            return new CaffeineGuidCache(maximumSize, metrics);
        }
        RedisConnector redis = backend.redis().get();
        RedisGuidCache far = new RedisGuidCache(redis, keyPrefix, metrics);
        if (!nearEnabled) {
            return far;
        }
        return new TwoTierGuidCache(far, redis.invalidations(keyPrefix + "guid-invalidations"), metrics,
                maximumSize, nearTtl, clock);
    }
}

package org.portside.cache.guids;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.cache.shared.CacheBackend;
import org.portside.cache.shared.CacheMetrics;

@Factory
class GuidCacheFactory {

    /** Redis when the backend has it, else the bounded in-process cache. */
    @Singleton
    GuidCache guidCache(CacheBackend backend, MeterRegistry registry,
                        @Value("${portside.cache.maximum-size:10000}") long maximumSize,
                        @Value("${portside.cache.redis.key-prefix:portside:}") String keyPrefix) {
        CacheMetrics metrics = new CacheMetrics(registry, "guids");
        return backend.redis()
                .<GuidCache>map(redis -> new RedisGuidCache(redis, keyPrefix, metrics))
                .orElseGet(() -> new CaffeineGuidCache(maximumSize, metrics));
    }
}

package org.portside.cache.shared;

import io.lettuce.core.RedisClient;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;

@Factory
class CacheFactory {

    @Singleton
    @Bean(preDestroy = "close")
    // only an explicit URI selects Redis: any other redis.* key would make micronaut-redis default to localhost
    @Requires(property = "redis.uri")
    @Requires(beans = RedisClient.class)
    RedisConnector redisConnector(RedisClient client, DefaultRedisConfiguration uri,
                                  @Value("${portside.cache.redis.command-timeout:250ms}") Duration commandTimeout,
                                  @Value("${portside.cache.redis.retry-interval:5s}") Duration retryInterval) {
        // redis.uri lands in getUri(); the configuration's own RedisURI fields keep their defaults
        return new RedisConnector(client, uri.getUri().orElse(uri), commandTimeout, retryInterval);
    }

    @Singleton
    CacheBackend cacheBackend(@Nullable RedisConnector redis) {
        return new CacheBackend(redis);
    }
}

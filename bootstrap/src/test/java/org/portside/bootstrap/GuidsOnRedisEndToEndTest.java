package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.lettuce.core.RedisClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.portside.cache.shared.RedisTestServer;
import org.portside.rest.guids.GuidsApiContract;

/** Every row and rule of the GUID API against PostgreSQL with the cache on a real Redis. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuidsOnRedisEndToEndTest extends GuidsApiContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return Map.of("redis.uri", RedisTestServer.requireRunning(),
                "portside.cache.redis.key-prefix", "portside-e2e-" + System.nanoTime() + ":");
    }

    @Inject
    RedisClient redis;

    /** Portside's channel customizer (ConsolidatedFlushes) reaches the client micronaut-redis builds. */
    @Test
    void the_redis_client_consolidates_its_flushes() {
        EmbeddedChannel channel = new EmbeddedChannel();
        redis.getResources().nettyCustomizer().afterChannelInitialized(channel);
        assertNotNull(channel.pipeline().get(FlushConsolidationHandler.class), channel.pipeline().names().toString());
        channel.finishAndReleaseAll();
    }
}

package org.portside.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
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
}

package org.portside.cache.shared;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closing a context leaves none of the Redis client's threads and timers behind. */
class ClientResourcesShutdownTest {

    @Test
    void closing_the_context_shuts_down_the_resources_micronaut_redis_built_for_its_client() {
        ClientResources resources;
        try (ApplicationContext context = ApplicationContext.run(Map.of("redis.uri", "redis://127.0.0.1:1"))) {
            resources = context.getBean(RedisClient.class).getResources();
            assertFalse(resources.eventExecutorGroup().isShuttingDown(), "in use while the context runs");
        }
        assertTrue(resources.eventExecutorGroup().isShuttingDown(), "its executors are shut down with the context");
    }
}

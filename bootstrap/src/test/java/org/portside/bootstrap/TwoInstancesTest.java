package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.portside.cache.shared.RedisTestServer;
import org.portside.domain.guids.Guid;
import org.portside.persistence.shared.DatabaseInfo;
import org.portside.rest.shared.Http;

/**
 * Two portside instances on one database and one Redis, each with its near cache: a change made
 * (or delete) through one is seen through the other within 100 ms, and at once through the one that made it.
 */
class TwoInstancesTest {

    @Test
    void a_guid_changed_or_deleted_on_one_instance_is_fresh_on_the_other_within_100_ms() {
        String prefix = "portside-two-" + System.nanoTime() + ":";
        Map<String, Object> shared = Map.of("redis.uri", RedisTestServer.requireRunning(),
                "portside.cache.redis.key-prefix", prefix);
        try (EmbeddedServer a = ApplicationContext.run(EmbeddedServer.class, shared, "test")) {
            String url = a.getApplicationContext().getBean(DatabaseInfo.class).url();
            Map<String, Object> second = new java.util.HashMap<>(shared);
            second.put("datasources.default.url", url);
            try (EmbeddedServer b = ApplicationContext.run(EmbeddedServer.class, second, "test")) {
                Http onA = new Http(a.getURI());
                Http onB = new Http(b.getURI());
                for (int round = 0; round < 20; round++) {
                    String guid = Guid.of(UUID.randomUUID()).value();
                    assertEquals(201, onA.post("/guid/" + guid, "{\"user\":\"before\"}").status());
                    // both instances have it cached now (in Redis and in their near caches)
                    for (int i = 0; i < 3; i++) {
                        assertEquals("before", onA.get("/guid/" + guid).object().get("user"));
                        assertEquals("before", onB.get("/guid/" + guid).object().get("user"));
                    }
                    Http writer = round % 2 == 0 ? onA : onB;
                    Http other = round % 2 == 0 ? onB : onA;
                    assertEquals(200, writer.post("/guid/" + guid, "{\"user\":\"after\"}").status());
                    long written = System.nanoTime();
                    assertEquals("after", writer.get("/guid/" + guid).object().get("user"),
                            "the instance that wrote never sees the old value");
                    seenWithin100Ms(written, () -> "after".equals(other.get("/guid/" + guid).object().get("user")),
                            "the other instance still served the old value 100 ms after the write");
                    assertEquals(204, other.delete("/guid/" + guid).status());
                    long deleted = System.nanoTime();
                    assertEquals(404, other.get("/guid/" + guid).status(), "the instance that deleted never serves it again");
                    seenWithin100Ms(deleted, () -> writer.get("/guid/" + guid).status() == 404,
                            "the other instance still served a deleted GUID 100 ms after the delete");
                }
            }
        }
    }

    /** Asks until {@code fresh} holds; a stale answer counts against the moment it was asked for. */
    private static void seenWithin100Ms(long changed, java.util.function.BooleanSupplier fresh, String message) {
        while (true) {
            long asked = System.nanoTime();
            if (fresh.getAsBoolean()) {
                return;
            }
            assertTrue(asked - changed < 100_000_000L, message);
        }
    }
}

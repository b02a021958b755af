package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.inmemory.MutableClock;
import org.portside.rest.shared.Http;

/**
 * What the cache layer promises beyond the API rows: cache hits never touch the database, a dead
 * Redis never fails a request, expired GUIDs are purged (two instances sharing one Redis: TwoInstancesTest).
 */
class GuidResilienceTest {

    private static ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("micronaut.server.port", -1);
        properties.put("datasources.default.maximum-pool-size", 4);
        properties.put("datasources.default.connection-timeout", 2_000);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test").getApplicationContext();
    }

    private static Http http(ApplicationContext context) {
        return new Http(context.getBean(EmbeddedServer.class).getURI());
    }

    private static String newGuid() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    @Test
    void cache_hits_are_served_while_every_database_connection_is_taken() throws Exception {
        try (ApplicationContext context = start(Map.of())) {
            Http http = http(context);
            String g = newGuid();
            assertEquals(201, http.post("/guid/" + g, "{\"user\":\"hot\"}").status());
            assertEquals(200, http.get("/guid/" + g).status()); // now cached

            List<Connection> held = new ArrayList<>();
            DataSource database = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(database.getConnection()); // the pool is now exhausted
                }
                ExecutorService clients = Executors.newFixedThreadPool(32);
                try {
                    List<Callable<Integer>> reads = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        reads.add(() -> http.get("/guid/" + g).status());
                    }
                    // a read that needed a connection would fail after the 2 s connection timeout
                    for (Future<Integer> result : clients.invokeAll(reads, 30, TimeUnit.SECONDS)) {
                        assertEquals(200, result.get());
                    }
                } finally {
                    clients.shutdownNow();
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void expired_guids_are_purged_in_the_background() throws Exception {
        try (ApplicationContext context = start(Map.of("portside.guids.purge-interval", "100ms"))) {
            Http http = http(context);
            MutableClock clock = context.getBean(MutableClock.class);
            String shortLived = newGuid();
            String longLived = newGuid();
            long now = clock.instant().getEpochSecond();
            assertEquals(201, http.post("/guid/" + shortLived, "{\"user\":\"a\",\"expire\":" + (now + 60) + "}").status());
            assertEquals(201, http.post("/guid/" + longLived, "{\"user\":\"a\",\"expire\":" + (now + 600) + "}").status());
            clock.advance(Duration.ofSeconds(61));
            DataSource database = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
            Instant deadline = Instant.now().plusSeconds(10);
            while (rows(database, shortLived) > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertEquals(0, rows(database, shortLived), "the expired row is gone from the table");
            assertEquals(1, rows(database, longLived), "the live one stays");
        }
    }

    private static int rows(DataSource database, String guid) throws Exception {
        try (Connection c = database.getConnection();
             var statement = c.prepareStatement("SELECT count(*) FROM guids WHERE guid = ?")) {
            statement.setString(1, guid);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    @Test
    void with_redis_unreachable_every_request_is_still_served() {
        try (ApplicationContext context = start(Map.of("redis.uri", "redis://127.0.0.1:1",
                "portside.cache.redis.retry-interval", "1h"))) {
            Http http = http(context);
            String g = newGuid();
            assertEquals(201, http.post("/guid/" + g, "{\"user\":\"a\"}").status());
            assertEquals(200, http.get("/guid/" + g).status());
            assertEquals(200, http.get("/guid/" + g).status());
            assertEquals(200, http.put("/guid/" + g, "{\"user\":\"b\"}").status());
            assertEquals("b", http.get("/guid/" + g).object().get("user"));
            assertEquals(204, http.delete("/guid/" + g).status());
            assertEquals(404, http.get("/guid/" + g).status());
            Http.Response health = http.get("/health");
            assertEquals(200, health.status(), "a cache outage does not make the service unhealthy");
            assertTrue(health.body().contains("DEGRADED"), health.body());
            Http.Response metrics = http.get("/metrics/portside.cache.requests?tag=result:error");
            assertEquals(200, metrics.status(), metrics::toString);
            // four reads went to the cache (two after the create, one after the update, one after the delete): each an error
            @SuppressWarnings("unchecked")
            double errors = ((java.util.List<Map<String, Object>>) metrics.object().get("measurements")).stream()
                    .filter(m -> "COUNT".equals(m.get("statistic")))
                    .mapToDouble(m -> ((Number) m.get("value")).doubleValue()).sum();
            assertTrue(errors >= 4, "every failed cache call is counted: " + metrics.body());
        }
    }
}

package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portside.rest.shared.Http;

/**
 * PostgreSQL stops under load: every API answers 503 with Retry-After within a few seconds, never a
 * 500; when it is back, portside recovers by itself and nothing it acknowledged is lost.
 */
class OutageTest {

    @TempDir
    Path dataDir;

    private static EmbeddedPostgres postgres(Path dir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "on").start();
    }

    @Test
    void with_postgresql_down_every_api_answers_503_quickly_then_recovers_with_nothing_lost() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres database = postgres(dataDir, port);
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "datasources.default.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "datasources.default.username", "postgres",
                "datasources.default.maximum-pool-size", 4), "test").getApplicationContext()) {
            Http http = new Http(context.getBean(EmbeddedServer.class).getURI());
            String userid = "u-" + UUID.randomUUID().toString().substring(0, 8);
            String guid = UUID.randomUUID().toString().replace("-", "").toUpperCase();
            assertEquals(201, http.post("/users", "{\"first_name\":\"A\",\"last_name\":\"B\",\"userid\":\"" + userid + "\"}").status());
            Http.Response task = http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w1\"}");
            assertEquals(201, task.status());
            String taskId = (String) task.object().get("id");
            assertEquals(201, http.post("/guid/" + guid, "{\"user\":\"a\"}").status());

            database.close(); // PostgreSQL stops

            ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> millis = new ConcurrentLinkedQueue<>();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            // reads, writes on the pool, and the writes stored together (users, GUIDs, tasks: see Batches)
            List<String[]> requests = List.of(new String[] {"GET", "/users/" + userid, null}, new String[] {"POST", "/groups/g-" + UUID.randomUUID(), null},
                    new String[] {"GET", "/api/tasks/" + taskId, null}, new String[] {"GET", "/guid/" + UUID.randomUUID().toString().replace("-", "").toUpperCase(), null},
                    new String[] {"POST", "/guid", "{\"user\":\"a\"}"},
                    new String[] {"POST", "/users", "{\"first_name\":\"A\",\"last_name\":\"B\",\"userid\":\"down-" + UUID.randomUUID().toString().substring(0, 8) + "\"}"},
                    new String[] {"POST", "/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w1\"}"});
            // a client per kind, each starting at its own: every kind is sent even if each client gets
            // through only a few requests in the time (an unreachable database takes its seconds)
            ExecutorService load = Executors.newFixedThreadPool(requests.size());
            for (int t = 0; t < requests.size(); t++) {
                int offset = t;
                load.submit(() -> {
                    for (int i = offset; System.nanoTime() < until; i++) {
                        String[] r = requests.get(i % requests.size());
                        long start = System.nanoTime();
                        Http.Response answer = http.send(r[0], r[1], r[2], "application/json");
                        millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                        if (answer.status() != 503 || !answer.header("Retry-After").isPresent()
                                || !answer.contentType().startsWith("application/problem+json")) {
                            unexpected.add(r[0] + " " + r[1] + " -> " + answer);
                        }
                    }
                });
            }
            load.shutdown();
            assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
            assertTrue(unexpected.isEmpty(), "only 503s with Retry-After while the database is down: " + unexpected);
            assertTrue(millis.size() >= 8, "the load ran: " + millis.size());
            assertTrue(millis.stream().mapToLong(Long::longValue).max().orElse(0) < 5_000, "answered within a few seconds: " + millis);

            database = postgres(dataDir, port); // back
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int status = 0;
            while (System.nanoTime() < deadline && (status = http.get("/users/" + userid).status()) != 200) {
                Thread.sleep(200);
            }
            assertEquals(200, status, "recovers by itself");
            assertEquals(200, http.get("/api/tasks/" + taskId).status(), "nothing acknowledged is lost");
            assertEquals(200, http.get("/guid/" + guid).status(), "nothing acknowledged is lost");
            assertEquals(201, http.post("/groups/g-" + UUID.randomUUID(), null).status(), "writes work again");
        } finally {
            database.close();
        }
    }

}

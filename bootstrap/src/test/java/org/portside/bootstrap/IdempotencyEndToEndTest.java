package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.portside.rest.shared.Http;
import org.portside.rest.shared.Http.Response;

/** Idempotency-Key on every creating POST, against PostgreSQL: replays, and a key in use. */
@MicronautTest
class IdempotencyEndToEndTest {

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;

    Response post(String path, String body, String key) {
        return new Http(server.getURI()).checkedAgainstDocument()
                .sendWithHeaders("POST", path, body, Map.of("Content-Type", "application/json", "Idempotency-Key", key));
    }

    @Test
    void each_creating_post_replays_its_first_answer_for_its_key() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> creates = Map.of(
                "/guid", "{\"user\": \"Cylance, Inc.\"}",
                "/users", "{\"first_name\": \"Joe\", \"last_name\": \"Smith\", \"userid\": \"u-" + suffix + "\", \"groups\": [\"g-" + suffix + "\"]}",
                "/groups", "{\"name\": \"h-" + suffix + "\"}",
                "/api/tasks", "{\"start\": \"2099-01-01T09:00:00Z\", \"worker\": \"w-" + suffix + "\"}");
        creates.forEach((path, body) -> {
            String key = "k-" + UUID.randomUUID();
            Response first = post(path, body, key);
            assertEquals(201, first.status(), path + " " + first);
            for (int i = 0; i < 3; i++) {
                Response again = post(path, body, key);
                assertEquals(201, again.status(), path + " " + again);
                assertEquals("true", again.header("Idempotent-Replayed").orElseThrow(), path);
                assertEquals(first.object(), again.object(), path);
                assertEquals(first.header("Location"), again.header("Location"), path);
            }
            assertEquals(422, post(path, body.replace("\"}", "x\"}").replace("]}", "]}  "), key).status(), path + ": another body");
        });
        // without a key, the second is a new GUID, and the same user again is a 409
        Http http = new Http(server.getURI());
        assertEquals(201, http.post("/guid", creates.get("/guid")).status());
        assertEquals(409, http.post("/users", creates.get("/users")).status());
    }

    @Test
    void a_key_in_use_is_409_at_once_and_works_once_it_is_free() throws Exception {
        String key = "k-" + UUID.randomUUID();
        String body = "{\"start\": \"2099-01-01T09:00:00Z\", \"worker\": \"w-" + key + "\"}";
        try (Connection other = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))");
             PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
            String scoped = "POST /api/tasks " + "\n" + key; // the request being processed elsewhere holds this
            lock.setString(1, scoped);
            lock.execute();
            Response busy = post("/api/tasks", body, key);
            assertEquals(409, busy.status(), busy::toString);
            assertEquals("urn:portside:problem:idempotency-key-in-use", busy.object().get("type"));
            unlock.setString(1, scoped);
            unlock.execute();
        }
        assertEquals(201, post("/api/tasks", body, key).status());
    }

    @Test
    void concurrent_sends_of_one_key_create_one_task() throws Exception {
        String key = "k-" + UUID.randomUUID();
        String worker = "w-" + key;
        String body = "{\"start\": \"2099-01-01T09:00:00Z\", \"worker\": \"" + worker + "\"}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sends.add(() -> post("/api/tasks", body, key).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(sends)) {
                statuses.add(f.get());
            }
            assertEquals(List.of(), statuses.stream().filter(s -> s != 201 && s != 409).toList(), "201 (first or replayed) or 409 (in use)");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, new Http(server.getURI()).get("/api/tasks?worker=" + worker).list().size(), "one task");
    }
}

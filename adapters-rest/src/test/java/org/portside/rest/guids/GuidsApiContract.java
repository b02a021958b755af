package org.portside.rest.guids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portside.rest.shared.ProblemAssertions.assertProblem;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portside.application.shared.inmemory.MutableClock;
import org.portside.rest.shared.Http;
import org.portside.rest.shared.Http.Response;


/**
 * Every row and rule of the GUID API over HTTP, with the server's clock moved by hand. Extended per
 * set of driven adapters (in memory here; PostgreSQL with Caffeine or Redis in bootstrap).
 */
public abstract class GuidsApiContract {

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected MutableClock clock;

    protected Http http;

    @BeforeEach
    void connect() {
        http = new Http(server.getURI()).checkedAgainstDocument();
    }

    protected static String newGuid() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    protected long inSeconds(long seconds) {
        return clock.instant().getEpochSecond() + seconds;
    }

    /** Create a GUID at its URL; returns it. */
    protected String created(long expire, String user) {
        String g = newGuid();
        Response r = http.post("/guid/" + g, "{\"expire\":" + expire + ",\"user\":\"" + user + "\"}");
        assertEquals(201, r.status(), r::toString);
        return g;
    }

    @Test
    void server_generated_guid_is_created_with_thirty_days_by_default() {
        long before = clock.instant().getEpochSecond();
        Response r = http.post("/guid", "{\"user\":\"Cylance, Inc.\"}");
        assertEquals(201, r.status(), r::toString);
        Map<String, Object> body = r.object();
        String g = (String) body.get("guid");
        assertTrue(g.matches("[0-9A-F]{32}"), g);
        assertEquals("/guid/" + g, r.header("Location").orElseThrow());
        assertEquals(String.valueOf(before + Duration.ofDays(30).toSeconds()), body.get("expire"));
        assertEquals("Cylance, Inc.", body.get("user"));
        assertEquals(body, http.get("/guid/" + g).object());
    }

    @Test
    void put_on_the_collection_creates_too_and_guids_are_never_reused() {
        Response a = http.put("/guid", "{\"user\":\"a\",\"expire\":\"" + inSeconds(100) + "\"}");
        Response b = http.put("/guid", "{\"user\":\"a\",\"expire\":" + inSeconds(100) + "}");
        assertEquals(201, a.status(), a::toString);
        assertEquals(201, b.status(), b::toString);
        assertEquals(String.valueOf(inSeconds(100)), a.object().get("expire"));
        assertTrue(!a.object().get("guid").equals(b.object().get("guid")));
    }

    @Test
    void a_guid_in_the_body_of_the_collection_is_refused() {
        assertProblem(http.post("/guid", "{\"guid\":\"" + newGuid() + "\",\"user\":\"a\"}"), 400, "/guid");
        assertProblem(http.put("/guid", "{\"guid\":\"" + newGuid() + "\",\"user\":\"a\"}"), 400, "/guid");
    }

    @Test
    void creating_needs_a_user() {
        assertProblem(http.post("/guid", "{}"), 400, "/user");
        assertProblem(http.post("/guid/" + newGuid(), "{\"expire\":" + inSeconds(60) + "}"), 400, "/user");
        assertProblem(http.post("/guid", "{\"user\":\"  \"}"), 400, "/user");
        assertProblem(http.post("/guid", "{\"user\":\"" + "x".repeat(257) + "\"}"), 400, "/user");
        assertProblem(http.post("/guid", "{\"user\":42}"), 400, "/user");
        assertProblem(http.post("/guid", "{\"user\":\"nul\\u0000\"}"), 400, "/user");
        assertEquals(201, http.post("/guid", "{\"user\":\"" + "😀".repeat(256) + "\"}").status(), "256 code points fit");
    }

    @Test
    void upsert_creates_then_updates_only_what_it_carries() {
        String g = newGuid();
        Response created = http.post("/guid/" + g, "{\"expire\":\"" + inSeconds(3600) + "\",\"user\":\"Cylance, Inc.\"}");
        assertEquals(201, created.status(), created::toString);
        assertEquals("/guid/" + g, created.header("Location").orElseThrow());
        assertEquals(Map.of("guid", g, "expire", String.valueOf(inSeconds(3600)), "user", "Cylance, Inc."), created.object());

        Response updated = http.put("/guid/" + g, "{\"expire\":" + inSeconds(7200) + "}");
        assertEquals(200, updated.status(), updated::toString);
        assertEquals(Map.of("guid", g, "expire", String.valueOf(inSeconds(7200)), "user", "Cylance, Inc."), updated.object());

        Response renamed = http.post("/guid/" + g, "{\"user\":\"Someone else\",\"guid\":\"" + g + "\"}");
        assertEquals(200, renamed.status());
        assertEquals(String.valueOf(inSeconds(7200)), renamed.object().get("expire"));

        Response nothing = http.post("/guid/" + g, "{}");
        assertEquals(200, nothing.status());
        assertEquals(renamed.object(), nothing.object());
        assertEquals(nothing.object(), http.get("/guid/" + g).object());
    }

    @Test
    void parallel_creations_at_one_url_create_once_and_update_the_rest() throws Exception {
        String g = newGuid();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Callable<Integer>> puts = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String body = "{\"user\":\"u" + i + "\"}";
                puts.add(() -> http.put("/guid/" + g, body).status());
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : pool.invokeAll(puts)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(19, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, http.get("/guid/" + g).status());
    }

    /** Registrations sent at once may share a statement (no Idempotency-Key): each still gets a GUID of its own, stored as answered. */
    @Test
    void parallel_registrations_each_get_their_own_guid_stored_as_answered() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Callable<Response>> posts = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String body = "{\"user\":\"p" + i + "\"}";
                posts.add(() -> http.post("/guid", body));
            }
            java.util.Set<Object> guids = new java.util.HashSet<>();
            java.util.Set<Object> users = new java.util.HashSet<>();
            for (var f : pool.invokeAll(posts)) {
                Response created = f.get();
                assertEquals(201, created.status(), created.body());
                guids.add(created.object().get("guid"));
                users.add(created.object().get("user"));
                assertEquals(created.object(), http.get("/guid/" + created.object().get("guid")).object(), "stored as answered");
            }
            assertEquals(100, guids.size(), "a GUID each");
            assertEquals(100, users.size(), "each its own record");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_different_guid_in_the_body_is_refused() {
        String g = created(inSeconds(60), "a");
        assertProblem(http.put("/guid/" + g, "{\"guid\":\"" + newGuid() + "\"}"), 400, "/guid");
        assertProblem(http.put("/guid/" + g, "{\"guid\":\"" + g.toLowerCase() + "\"}"), 400, "/guid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "-5", "\"-5\"", "1.5", "1700000000.0", "1e10", "\"1700000000.0\"", "null", "true",
            "[]", "{}", "\"\"", "\" 1700000000\"", "1427736345", "\"1427736345\"", "253402300800", "99999999999999999999999"})
    void bad_expiries_are_400_on_expire(String expire) {
        assertProblem(http.post("/guid", "{\"user\":\"a\",\"expire\":" + expire + "}"), 400, "/expire");
        assertProblem(http.put("/guid/" + newGuid(), "{\"user\":\"a\",\"expire\":" + expire + "}"), 400, "/expire");
    }

    @Test
    void the_current_second_is_not_the_future() {
        assertProblem(http.post("/guid", "{\"user\":\"a\",\"expire\":" + inSeconds(0) + "}"), 400, "/expire");
        String g = created(inSeconds(60), "a");
        assertProblem(http.put("/guid/" + g, "{\"expire\":" + inSeconds(-1) + "}"), 400, "/expire");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9094e4c980c74043a4b586b420e69ddf", "9094E4C980C74043A4B586B420E69DD",
            "9094E4C980C74043A4B586B420E69DDF0", "9094E4C9-80C7-4043-A4B5-86B420E69DDF", "G094E4C980C74043A4B586B420E69DDF",
            "Z094E4C980C74043A4B586B420E69DDZ", "9094E4C980C74043A4B586B420E69DD%20"})
    void malformed_guids_are_400_on_every_route(String bad) {
        assertProblem(http.get("/guid/" + bad), 400, "guid");
        assertProblem(http.delete("/guid/" + bad), 400, "guid");
        assertProblem(http.post("/guid/" + bad, "{\"user\":\"a\"}"), 400, "guid");
        assertProblem(http.put("/guid/" + bad, "{\"user\":\"a\"}"), 400, "guid");
    }

    @Test
    void a_request_line_over_4_kib_is_414_problem() throws Exception {
        Http.Response r = new Http(server.getURI()).get("/guid/" + "A".repeat(5000));
        assertProblem(r, 414);
        // HTTP/1.0 too, over a raw socket: the status line and the problem, then the connection closes
        try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
            socket.getOutputStream().write(("GET /guid/" + "A".repeat(5000) + " HTTP/1.0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 414 "), answer);
            assertTrue(answer.contains("application/problem+json") && answer.contains("\"status\":414"), answer);
        }
    }

    @Test
    void unknown_guids_are_404() {
        assertProblem(http.get("/guid/" + newGuid()), 404);
        assertProblem(http.delete("/guid/" + newGuid()), 404);
    }

    @Test
    void deleted_guid_is_gone_and_may_be_created_again() {
        String g = created(inSeconds(600), "a");
        http.get("/guid/" + g); // cached now
        Response deleted = http.delete("/guid/" + g);
        assertEquals(204, deleted.status());
        assertEquals("", deleted.body());
        assertProblem(http.get("/guid/" + g), 404);
        assertProblem(http.delete("/guid/" + g), 404);
        assertEquals(201, http.post("/guid/" + g, "{\"user\":\"b\"}").status());
        assertEquals("b", http.get("/guid/" + g).object().get("user"));
    }

    @Test
    void an_expired_guid_is_never_served_and_counts_as_absent() {
        String g = created(inSeconds(60), "old");
        assertEquals(200, http.get("/guid/" + g).status()); // and cached
        clock.advance(Duration.ofSeconds(60));
        assertProblem(http.get("/guid/" + g), 404);
        assertProblem(http.delete("/guid/" + g), 404);
        assertProblem(http.post("/guid/" + g, "{}"), 400, "/user");
        Response anew = http.post("/guid/" + g, "{\"user\":\"new\"}");
        assertEquals(201, anew.status(), anew::toString);
        assertEquals("new", http.get("/guid/" + g).object().get("user"));
    }

    @Test
    void a_read_after_a_write_never_sees_the_old_value() {
        String g = created(inSeconds(600), "before");
        assertEquals("before", http.get("/guid/" + g).object().get("user"));
        http.put("/guid/" + g, "{\"user\":\"after\"}");
        assertEquals("after", http.get("/guid/" + g).object().get("user"));
        http.put("/guid/" + g, "{\"expire\":\"" + inSeconds(30) + "\"}");
        assertEquals(String.valueOf(inSeconds(30)), http.get("/guid/" + g).object().get("expire"));
        clock.advance(Duration.ofSeconds(30));
        assertProblem(http.get("/guid/" + g), 404);
    }

    @Test
    void bodies_that_are_not_clean_json_objects_are_400() {
        String g = newGuid();
        assertProblem(http.post("/guid", "{\"user\":\"a\",}"), 400);
        assertProblem(http.post("/guid/" + g, "[\"a\"]"), 400);
        assertProblem(http.post("/guid/" + g, "nope"), 400);
        assertProblem(http.post("/guid/" + g, "{\"user\":\"a\",\"color\":\"red\"}"), 400, "/color");
        assertProblem(http.post("/guid/" + g, "{\"user\":null}"), 400, "/user");
        assertProblem(http.send("POST", "/guid", null, null), 400);
        assertEquals(201, http.send("POST", "/guid/" + g, "{\"user\":\"a\"}", null).status(), "no Content-Type is fine");
    }
}

package org.portside.rest.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portside.rest.shared.ProblemAssertions.assertProblem;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * Every row and rule of the task API over HTTP, with the server's clock moved by hand. Workers are
 * unique per test, so the suite runs against a database that already holds tasks.
 */
public abstract class TasksApiContract {

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected MutableClock clock;

    protected Http http;
    protected String worker;

    @BeforeEach
    void connect() {
        http = new Http(server.getURI()).checkedAgainstDocument();
        worker = "w-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String at(long secondsFromNow) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(secondsFromNow).toString();
    }

    protected Map<String, Object> create(String start, String extra) {
        Response r = http.post("/api/tasks", "{\"start\":\"" + start + "\",\"worker\":\"" + worker + "\"" + extra + "}");
        assertEquals(201, r.status(), r::toString);
        return r.object();
    }

    protected String createId(long secondsFromNow) {
        return (String) create(at(secondsFromNow), "").get("id");
    }

    protected Response patch(String id, String body) {
        return http.send("PATCH", "/api/tasks/" + id, body, "application/json");
    }

    protected Response patchIfMatch(String id, String body, String etag) {
        return http.sendWithHeaders("PATCH", "/api/tasks/" + id, body, Map.of("If-Match", etag));
    }

    protected String status(String id, String status) {
        Response r = patch(id, "{\"status\":\"" + status + "\"}");
        assertEquals(200, r.status(), r::toString);
        return r.header("ETag").orElseThrow();
    }

    @SuppressWarnings("unchecked")
    protected static List<String> ids(Response list) {
        return list.list().stream().map(t -> (String) ((Map<String, Object>) t).get("id")).toList();
    }

    // ---- create and read

    @Test
    void created_task_carries_every_field_and_its_canonical_location() {
        Response r = http.post("/api/tasks", "{\"start\":\"2099-12-01T11:00:00.987+01:00\",\"worker\":\"" + worker + "\"}");
        assertEquals(201, r.status(), r::toString);
        Map<String, Object> task = r.object();
        String id = (String) task.get("id");
        assertEquals("/api/tasks/" + id, r.header("Location").orElseThrow());
        assertTrue(r.header("ETag").orElseThrow().matches("\"[0-9]+\""));
        assertEquals(Map.of("id", id, "start", "2099-12-01T10:00:00Z", "worker", worker, "status", "SCHEDULED",
                "payload", Map.of(), "max_attempts", 3, "backoff_seconds", 10, "attempt", 0), withoutNulls(task));
        for (String absent : List.of("title", "lease", "last_error")) {
            assertTrue(task.containsKey(absent) && task.get(absent) == null, absent + " is present and null: " + task);
        }
        Response read = http.get("/api/tasks/" + id);
        assertEquals(200, read.status());
        assertEquals(task, read.object());
        assertEquals(r.header("ETag"), read.header("ETag"));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    @Test
    void the_singular_alias_serves_the_same_tasks() {
        Response r = http.post("/api/task", "{\"start\":\"2099-01-01T00:00:00.5Z\",\"worker\":\"" + worker + "\",\"title\":\"t\","
                + "\"status\":\"SCHEDULED\",\"payload\":{\"a\":{\"b\":[1,2,{\"c\":null}]},\"n\":1.5,\"s\":\"x\"}}");
        assertEquals(201, r.status(), r::toString);
        String id = (String) r.object().get("id");
        assertEquals("/api/tasks/" + id, r.header("Location").orElseThrow());
        assertEquals("2099-01-01T00:00:00Z", r.object().get("start"), "fractions are dropped");
        assertEquals(Map.of("a", Map.of("b", List.of(1, 2, java.util.Collections.singletonMap("c", null))), "n", 1.5, "s", "x"),
                http.get("/api/task/" + id).object().get("payload"));
        assertEquals(200, patch(id, "{\"title\":\"u\"}").status());
        assertEquals("u", http.get("/api/task/" + id).object().get("title"));
    }

    @Test
    void unknown_or_impossible_ids_are_404() {
        assertProblem(http.get("/api/tasks/" + UUID.randomUUID()), 404);
        assertProblem(http.get("/api/tasks/not-an-id"), 404);
        assertProblem(patch(UUID.randomUUID().toString(), "{}"), 404);
        assertProblem(http.delete("/api/tasks/" + UUID.randomUUID()), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2099-12-01T10:00:00\"", "\"2099-13-01T10:00:00Z\"", "\"2099-02-30T10:00:00Z\"", "\"tomorrow\"",
            "4102444800", "null", "\"\"", "\"2099-12-01\"", "\"+10000-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\""})
    void a_start_that_is_not_an_instant_with_offset_is_400(String start) {
        Response r = http.post("/api/tasks", "{\"start\":" + start + ",\"worker\":\"" + worker + "\"}");
        assertProblem(r, 400, "/start");
        String detail = r.object().get("detail").toString();
        assertTrue(detail.contains("e.g.") || detail.contains("years 1 and 9999") || detail.contains("of type string"), r::toString);
    }

    @Test
    void create_rejects_bad_input_field_by_field() {
        assertProblem(http.post("/api/tasks", "{}"), 400, "/start", "/worker");
        assertProblem(http.post("/api/tasks", "{\"start\":\"" + at(0) + "\",\"worker\":\"w\"}"), 400, "/start");
        assertProblem(http.post("/api/tasks", "{\"start\":\"" + at(-60) + "\",\"worker\":\"w\"}"), 400, "/start");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w\",\"status\":\"RUNNING\"}"), 400, "/status");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w\",\"status\":\"scheduled\"}"), 400, "/status");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w\",\"payload\":[1]}"), 400, "/payload");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w\",\"payload\":\"x\"}"), 400, "/payload");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w\",\"payload\":3}"), 400, "/payload");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\" \"}"), 400, "/worker");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"" + "w".repeat(129) + "\"}"), 400, "/worker");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w\",\"title\":\"" + "t".repeat(257) + "\"}"), 400, "/title");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w\",\"id\":\"x\"}"), 400, "/id");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w\",}"), 400);
        assertProblem(http.post("/api/tasks", "[]"), 400);
    }

    // ---- PATCH

    @Test
    void patch_changes_what_it_carries_and_returns_the_whole_task() {
        String id = (String) create("2099-01-01T00:00:00Z", ",\"title\":\"old\",\"payload\":{\"k\":1}").get("id");
        Response r = patch(id, "{\"start\":\"2099-02-01T00:00:00+02:00\",\"title\":null,\"worker\":\"" + worker + "-2\"}");
        assertEquals(200, r.status(), r::toString);
        assertEquals("2099-01-31T22:00:00Z", r.object().get("start"));
        assertNull(r.object().get("title"));
        assertEquals(worker + "-2", r.object().get("worker"));
        assertEquals(Map.of("k", 1), r.object().get("payload"));
        assertEquals(r.object(), http.get("/api/tasks/" + id).object());
    }

    @Test
    void status_follows_the_lifecycle_and_illegal_changes_are_409_naming_both() {
        String id = createId(60);
        status(id, "RUNNING");
        status(id, "RUNNING"); // the same status again is a no-op
        Response illegal = patch(id, "{\"status\":\"SCHEDULED\"}");
        assertProblem(illegal, 409);
        assertTrue(illegal.object().get("detail").toString().contains("RUNNING")
                && illegal.object().get("detail").toString().contains("SCHEDULED"), illegal::toString);
        status(id, "SUCCEEDED");
        assertProblem(patch(id, "{\"status\":\"FAILED\"}"), 409);
        assertProblem(patch(id, "{\"status\":\"running\"}"), 400, "/status");
    }

    @Test
    void a_retry_needs_a_start_in_the_future() {
        String id = createId(10);
        status(id, "FAILED");
        clock.advance(Duration.ofSeconds(20));
        assertProblem(patch(id, "{\"status\":\"SCHEDULED\"}"), 400, "/start");
        Response retried = patch(id, "{\"status\":\"SCHEDULED\",\"start\":\"" + at(60) + "\"}");
        assertEquals(200, retried.status(), retried::toString);
        assertEquals("SCHEDULED", retried.object().get("status"));
    }

    @Test
    void patch_refuses_id_payload_and_past_starts() {
        String id = createId(60);
        assertProblem(patch(id, "{\"id\":\"" + id + "\"}"), 400, "/id");
        assertProblem(patch(id, "{\"payload\":{}}"), 400, "/payload");
        assertProblem(patch(id, "{\"start\":\"" + at(-1) + "\"}"), 400, "/start");
        assertProblem(patch(id, "{\"colour\":\"red\"}"), 400, "/colour");
        assertProblem(patch(id, "{\"worker\":null}"), 400, "/worker");
    }

    @Test
    void errors_rank_404_then_400_then_412_then_409() {
        assertProblem(patch(UUID.randomUUID().toString(), "not json"), 404);
        String id = createId(60);
        String etag = status(id, "RUNNING");
        assertProblem(patchIfMatch(id, "{\"status\":\"SCHEDULED\",\"start\":\"" + at(-5) + "\"}", "\"999\""), 400);
        assertProblem(patchIfMatch(id, "{\"status\":\"SCHEDULED\"}", "\"999\""), 412);
        assertProblem(patchIfMatch(id, "{\"status\":\"SCHEDULED\"}", etag), 409);
    }

    @Test
    void a_malformed_if_match_is_400_and_a_tag_that_cannot_be_ours_is_412() {
        String id = createId(60);
        Response malformed = patchIfMatch(id, "{\"title\":\"x\"}", "__main__");
        assertProblem(malformed, 400, "If-Match");
        assertProblem(http.sendWithHeaders("DELETE", "/api/tasks/" + id, null, Map.of("If-Match", "1")), 400, "If-Match");
        assertProblem(patchIfMatch(UUID.randomUUID().toString(), "{\"title\":\"x\"}", "__main__"), 404);
        assertProblem(patchIfMatch(id, "{\"title\":\"x\"}", "W/\"1\""), 412);
        assertProblem(patchIfMatch(id, "{\"title\":\"x\"}", "\"abc\""), 412);
        Response listed = patchIfMatch(id, "{\"title\":\"x\"}", "\"abc\", \"1\"");
        assertEquals(200, listed.status(), listed::toString);
    }

    @Test
    void claim_is_post_only() {
        for (String method : new String[] {"GET", "PATCH", "DELETE"}) {
            for (String base : new String[] {"/api/tasks", "/api/task"}) {
                Response r = http.send(method, base + "/claim", method.equals("PATCH") ? "{}" : null, "application/json");
                assertProblem(r, 405);
                assertEquals("POST", r.header("Allow").orElseThrow(), r::toString);
            }
        }
    }

    @Test
    void if_match_guards_every_change() {
        String id = createId(60);
        String etag = http.get("/api/tasks/" + id).header("ETag").orElseThrow();
        Response ok = patchIfMatch(id, "{\"title\":\"a\"}", etag);
        assertEquals(200, ok.status(), ok::toString);
        String newer = ok.header("ETag").orElseThrow();
        assertTrue(!newer.equals(etag));
        assertProblem(patchIfMatch(id, "{\"title\":\"b\"}", etag), 412);
        assertProblem(http.sendWithHeaders("PATCH", "/api/tasks/" + id + "/payload", "{\"x\":1}", Map.of("If-Match", etag)), 412);
        assertProblem(http.sendWithHeaders("DELETE", "/api/tasks/" + id, null, Map.of("If-Match", etag)), 412);
        assertProblem(http.sendWithHeaders("PATCH", "/api/tasks/" + id, "{}", Map.of("If-Match", "W/" + newer)), 412);
        assertEquals(200, http.sendWithHeaders("PATCH", "/api/tasks/" + id, "{}", Map.of("If-Match", "*")).status());
        assertEquals(204, http.sendWithHeaders("DELETE", "/api/tasks/" + id, null, Map.of("If-Match", newer)).status());
    }

    // ---- DELETE

    @Test
    void delete_removes_a_task_but_not_a_running_one() {
        String id = createId(60);
        Response deleted = http.delete("/api/tasks/" + id);
        assertEquals(204, deleted.status());
        assertEquals("", deleted.body());
        assertProblem(http.get("/api/tasks/" + id), 404);
        assertProblem(http.delete("/api/tasks/" + id), 404);
        String running = createId(60);
        status(running, "RUNNING");
        assertProblem(http.delete("/api/tasks/" + running), 409);
        status(running, "FAILED");
        assertEquals(204, http.delete("/api/tasks/" + running).status());
    }

    // ---- payload

    @Test
    void payload_patch_adds_or_replaces_first_level_keys_only() {
        String id = (String) create("2099-01-01T00:00:00Z", ",\"payload\":{\"keep\":{\"deep\":true},\"swap\":[1]}").get("id");
        Response r = http.send("PATCH", "/api/tasks/" + id + "/payload", "{\"swap\":{\"now\":\"object\"},\"add\":null}", null);
        assertEquals(200, r.status(), r::toString);
        Map<String, Object> expected = new java.util.HashMap<>();
        expected.put("keep", Map.of("deep", true));
        expected.put("swap", Map.of("now", "object"));
        expected.put("add", null);
        assertEquals(expected, r.object().get("payload"));
        Response without = http.delete("/api/tasks/" + id + "/payload/keep");
        assertEquals(200, without.status(), without::toString);
        assertTrue(!((Map<?, ?>) without.object().get("payload")).containsKey("keep"));
        assertProblem(http.delete("/api/tasks/" + id + "/payload/keep"), 404);
        assertProblem(http.delete("/api/tasks/" + UUID.randomUUID() + "/payload/keep"), 404);
    }

    @Test
    void payload_patch_takes_only_objects_within_256_kib() {
        String id = createId(60);
        assertProblem(http.send("PATCH", "/api/tasks/" + id + "/payload", "[1]", "application/json"), 400);
        assertProblem(http.send("PATCH", "/api/tasks/" + id + "/payload", "\"s\"", "application/json"), 400);
        assertProblem(http.send("PATCH", "/api/tasks/" + id + "/payload", "{", "application/json"), 400);
        assertProblem(http.send("PATCH", "/api/tasks/" + UUID.randomUUID() + "/payload", "[1]", "application/json"), 404);
        String half = "x".repeat(150 * 1024);
        assertEquals(200, http.send("PATCH", "/api/tasks/" + id + "/payload", "{\"a\":\"" + half + "\"}", "application/json").status());
        assertProblem(http.send("PATCH", "/api/tasks/" + id + "/payload", "{\"b\":\"" + half + "\"}", "application/json"), 400);
        assertEquals(List.of("a"), new ArrayList<>(((Map<?, ?>) http.get("/api/tasks/" + id).object().get("payload")).keySet().stream().map(Object::toString).toList()));
    }

    @Test
    void strings_postgresql_cannot_store_are_400_not_500() {
        String id = createId(60);
        assertProblem(http.send("PATCH", "/api/tasks/" + id + "/payload", "{\"a\":\"x\\u0000y\"}", "application/json"), 400);
        assertProblem(http.send("PATCH", "/api/tasks/" + id + "/payload", "{\"a\":{\"k\\u0000\":[1]}}", "application/json"), 400);
        assertProblem(patch(id, "{\"title\":\"a\\u0000\"}"), 400, "/title");
        assertProblem(http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w\\u0000\"}"), 400, "/worker");
        assertEquals(200, http.send("PATCH", "/api/tasks/" + id + "/payload", "{\"a\":\"\\\\u0000 is fine escaped\"}", "application/json").status());
    }

    // ---- claim

    @Test
    void claim_hands_out_due_tasks_of_that_worker_earliest_first() {
        String second = createId(20);
        String first = createId(10);
        String notDue = createId(1_000);
        clock.advance(Duration.ofSeconds(30));
        Response one = http.post("/api/tasks/claim", "{\"worker\":\"" + worker + "\"}");
        assertEquals(200, one.status(), one::toString);
        assertEquals(List.of(first), ids(one), "limit defaults to 1");
        Response rest = http.post("/api/tasks/claim", "{\"worker\":\"" + worker + "\",\"limit\":10}");
        assertEquals(List.of(second), ids(rest));
        assertEquals("RUNNING", http.get("/api/tasks/" + second).object().get("status"));
        assertEquals("SCHEDULED", http.get("/api/tasks/" + notDue).object().get("status"));
        assertEquals(List.of(), http.post("/api/tasks/claim", "{\"worker\":\"" + worker + "\",\"limit\":10}").list());
        assertEquals(List.of(), http.post("/api/task/claim", "{\"worker\":\"" + worker + "-nobody\"}").list());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"worker\":\"w\",\"limit\":0}", "{\"worker\":\"w\",\"limit\":101}", "{\"worker\":\"w\",\"limit\":\"5\"}",
            "{\"worker\":\"w\",\"limit\":1.5}", "{\"worker\":\"w\",\"extra\":1}", "{\"worker\":5}", "[]"})
    void claim_rejects_bad_requests(String body) {
        assertProblem(http.post("/api/tasks/claim", body), 400);
    }

    // ---- the worker protocol: leases

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> lease(Map<String, Object> task) {
        return (Map<String, Object>) task.get("lease");
    }

    /** Claims exactly one task for {@code worker}; its JSON. */
    protected Map<String, Object> claimOne(String claimer, int leaseSeconds) {
        Response r = http.post("/api/tasks/claim", "{\"worker\":\"" + claimer + "\",\"lease_seconds\":" + leaseSeconds + "}");
        assertEquals(200, r.status(), r::toString);
        assertEquals(1, r.list().size(), r::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> task = (Map<String, Object>) r.list().get(0);
        return task;
    }

    protected Response step(String id, String what, String body) {
        return http.post("/api/tasks/" + id + "/" + what, body);
    }

    protected static String token(Map<String, Object> task) {
        return (String) lease(task).get("token");
    }

    @Test
    void a_claimed_task_carries_its_attempt_and_lease_and_completes_with_it() {
        String id = createId(10);
        clock.advance(Duration.ofSeconds(10));
        Map<String, Object> task = claimOne(worker, 30);
        assertEquals(id, task.get("id"));
        assertEquals("RUNNING", task.get("status"));
        assertEquals(1, task.get("attempt"));
        assertTrue(token(task).matches("[0-9a-f]{32}"), task::toString);
        assertEquals(clock.instant().plusSeconds(30).truncatedTo(ChronoUnit.MILLIS).toString(), lease(task).get("expires"));
        assertEquals(task, http.get("/api/tasks/" + id).object(), "the lease is stored and shown");

        clock.advance(Duration.ofSeconds(20));
        Response beat = step(id, "heartbeat", "{\"lease\":\"" + token(task) + "\",\"lease_seconds\":60}");
        assertEquals(200, beat.status(), beat::toString);
        assertEquals(clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS).toString(), lease(beat.object()).get("expires"));
        assertTrue(beat.header("ETag").isPresent());

        Response done = step(id, "complete", "{\"lease\":\"" + token(task) + "\"}");
        assertEquals(200, done.status(), done::toString);
        assertEquals("SUCCEEDED", done.object().get("status"));
        assertEquals(null, done.object().get("lease"));
        assertProblem(step(id, "complete", "{\"lease\":\"" + token(task) + "\"}"), 409);
    }

    @Test
    void a_stalled_worker_is_refused_once_its_task_was_handed_out_again() {
        String id = createId(10);
        clock.advance(Duration.ofSeconds(10));
        Map<String, Object> byA = claimOne(worker, 1);
        clock.advance(Duration.ofSeconds(2));
        Map<String, Object> byB = claimOne(worker, 60);
        assertEquals(id, byB.get("id"));
        assertEquals(2, byB.get("attempt"));
        Response late = step(id, "complete", "{\"lease\":\"" + token(byA) + "\"}");
        assertEquals(409, late.status(), late::toString);
        assertEquals("urn:portside:problem:lease-lost", late.object().get("type"));
        assertEquals(409, step(id, "heartbeat", "{\"lease\":\"" + token(byA) + "\"}").status());
        assertEquals(409, step(id, "fail", "{\"lease\":\"" + token(byA) + "\",\"error\":\"x\"}").status());
        assertEquals(byB, http.get("/api/tasks/" + id).object(), "refused steps leave the task untouched");
        assertEquals("SUCCEEDED", step(id, "complete", "{\"lease\":\"" + token(byB) + "\"}").object().get("status"));
    }

    @Test
    void a_failure_is_retried_after_its_back_off_until_the_attempts_are_used_up() {
        Map<String, Object> created = create(at(10), ",\"max_attempts\":2,\"backoff_seconds\":100");
        String id = (String) created.get("id");
        assertEquals(2, created.get("max_attempts"));
        assertEquals(100, created.get("backoff_seconds"));
        clock.advance(Duration.ofSeconds(10));
        Map<String, Object> first = claimOne(worker, 60);
        Response retry = step(id, "fail", "{\"lease\":\"" + token(first) + "\",\"error\":\"upstream timed out\"}");
        assertEquals(200, retry.status(), retry::toString);
        assertEquals("SCHEDULED", retry.object().get("status"));
        assertEquals("upstream timed out", retry.object().get("last_error"));
        Instant again = Instant.parse((String) retry.object().get("start"));
        assertTrue(!again.isBefore(clock.instant().plusSeconds(79)) && !again.isAfter(clock.instant().plusSeconds(120)),
                "100 s ± 20 %: " + again);
        clock.set(again);
        Map<String, Object> second = claimOne(worker, 60);
        assertEquals(2, second.get("attempt"));
        Response last = step(id, "fail", "{\"lease\":\"" + token(second) + "\",\"error\":null}");
        assertEquals("FAILED", last.object().get("status"), "no attempt left");
    }

    @Test
    void a_failure_without_retry_is_final_and_a_status_change_by_hand_ends_the_lease() {
        String id = createId(10);
        String other = createId(10);
        clock.advance(Duration.ofSeconds(10));
        Map<String, Object> a = claimOne(worker, 60);
        Map<String, Object> b = claimOne(worker, 60);
        Map<String, Object> failed = step((String) a.get("id"), "fail", "{\"lease\":\"" + token(a) + "\",\"retry\":false}").object();
        assertEquals("FAILED", failed.get("status"));
        status((String) b.get("id"), "SUCCEEDED");
        assertEquals("SUCCEEDED", http.get("/api/tasks/" + b.get("id")).object().get("status"));
        assertEquals(null, http.get("/api/tasks/" + b.get("id")).object().get("lease"));
        assertProblem(step((String) b.get("id"), "complete", "{\"lease\":\"" + token(b) + "\"}"), 409);
        assertTrue(List.of(id, other).containsAll(List.of(a.get("id"), b.get("id"))));
    }

    @Test
    void a_leased_task_cannot_be_deleted() {
        String id = createId(10);
        clock.advance(Duration.ofSeconds(10));
        claimOne(worker, 60);
        assertProblem(http.delete("/api/tasks/" + id), 409);
    }

    @Test
    void worker_steps_rank_404_then_400_then_409() {
        String unknown = "/api/tasks/3f2b7c1e-8d4a-4c5e-9f10-2a6b8c9d0e1f/";
        assertProblem(http.post(unknown + "complete", "{\"lease\":\"nope\"}"), 404);
        assertProblem(http.post(unknown + "heartbeat", "{}"), 404);
        String id = createId(10);
        for (String bad : List.of("{}", "{\"lease\":\"ABC\"}", "{\"lease\":5}", "{\"lease\":\"" + "a".repeat(32) + "\",\"x\":1}")) {
            assertProblem(step(id, "complete", bad), 400);
            assertProblem(step(id, "heartbeat", bad), 400);
            assertProblem(step(id, "fail", bad), 400);
        }
        String wellFormed = "{\"lease\":\"" + "a".repeat(32) + "\"";
        assertProblem(step(id, "heartbeat", wellFormed + ",\"lease_seconds\":0}"), 400);
        assertProblem(step(id, "heartbeat", wellFormed + ",\"lease_seconds\":3601}"), 400);
        assertProblem(step(id, "fail", wellFormed + ",\"error\":\"" + "x".repeat(4097) + "\"}"), 400);
        assertProblem(step(id, "fail", wellFormed + ",\"retry\":\"no\"}"), 400);
        assertProblem(step(id, "complete", wellFormed + "}"), 409);
        assertProblem(step(id, "fail", wellFormed + ",\"error\":\"" + "x".repeat(4096) + "\"}"), 409);
    }

    @Test
    @SuppressWarnings("unchecked")
    void stats_count_this_workers_tasks_and_expired_leases() {
        createId(10);
        createId(20);
        String late = createId(1_000);
        clock.advance(Duration.ofSeconds(20));
        claimOne(worker, 5);
        clock.advance(Duration.ofSeconds(5));
        Response r = http.get("/api/tasks/stats");
        assertEquals(200, r.status(), r::toString);
        Map<String, Object> stats = r.object();
        assertEquals(Map.of("SCHEDULED", 2, "RUNNING", 1), ((Map<String, Object>) stats.get("by_worker")).get(worker));
        assertTrue(((Map<String, Object>) stats.get("by_status")).keySet().containsAll(List.of("SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED")));
        assertTrue(((Number) stats.get("expired_leases")).longValue() >= 1, stats::toString);
        assertTrue(stats.get("oldest_due") instanceof String, stats::toString);
        assertEquals(200, http.get("/api/task/stats").status());
        assertEquals("SCHEDULED", http.get("/api/tasks/" + late).object().get("status"));
    }

    @Test
    void the_events_tell_each_attempt_oldest_first_and_outlive_the_task() {
        String id = createId(10);
        clock.advance(Duration.ofSeconds(10));
        Map<String, Object> byA = claimOne(worker, 1);
        clock.advance(Duration.ofSeconds(2));
        Map<String, Object> byB = claimOne(worker, 60);
        step(id, "fail", "{\"lease\":\"" + token(byB) + "\",\"error\":\"boom\",\"retry\":false}");
        assertEquals(409, step(id, "complete", "{\"lease\":\"" + token(byA) + "\"}").status());
        assertEquals(204, http.delete("/api/tasks/" + id).status());
        Response r = http.get("/api/tasks/" + id + "/events");
        assertEquals(200, r.status(), r::toString);
        List<String> steps = new ArrayList<>();
        for (Object o : r.list()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) o;
            steps.add(event.get("type") + "@" + event.get("attempt"));
            assertEquals(worker, event.get("worker"));
            assertTrue(event.containsKey("detail") && event.get("at") instanceof String, event::toString);
        }
        assertEquals(List.of("created@0", "claimed@1", "lease_expired@1", "claimed@2", "failed@2", "deleted@2"), steps);
        assertProblem(http.get("/api/tasks/" + UUID.randomUUID() + "/events"), 404);
        assertProblem(http.get("/api/tasks/not-a-task/events"), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"worker\":\"w\",\"lease_seconds\":0}", "{\"worker\":\"w\",\"lease_seconds\":3601}",
            "{\"worker\":\"w\",\"lease_seconds\":\"60\"}"})
    void claim_refuses_leases_out_of_bounds(String body) {
        assertProblem(http.post("/api/tasks/claim", body), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {",\"max_attempts\":0", ",\"max_attempts\":101", ",\"backoff_seconds\":-1", ",\"backoff_seconds\":3601",
            ",\"max_attempts\":null"})
    void retries_out_of_bounds_are_400(String extra) {
        assertProblem(http.post("/api/tasks", "{\"start\":\"" + at(60) + "\",\"worker\":\"" + worker + "\"" + extra + "}"), 400);
    }

    @Test
    void retries_change_by_patch() {
        String id = createId(60);
        Response r = patch(id, "{\"max_attempts\":7,\"backoff_seconds\":0}");
        assertEquals(200, r.status(), r::toString);
        assertEquals(7, r.object().get("max_attempts"));
        assertEquals(0, r.object().get("backoff_seconds"));
        assertProblem(patch(id, "{\"max_attempts\":0}"), 400);
    }

    // ---- long polls

    private java.util.concurrent.CompletableFuture<Response> longPoll(String claimer, int waitSeconds) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> http.post("/api/tasks/claim",
                "{\"worker\":\"" + claimer + "\",\"limit\":5,\"wait_seconds\":" + waitSeconds + "}"));
    }

    @Test
    void a_long_poll_answers_within_a_second_of_a_task_of_its_worker_becoming_due() throws Exception {
        var poll = longPoll(worker, 20);
        Thread.sleep(300);
        assertTrue(!poll.isDone(), "nothing is due: it waits");
        String elsewhere = (String) http.post("/api/tasks", "{\"start\":\"" + at(1) + "\",\"worker\":\"" + worker + "-other\"}")
                .object().get("id");
        clock.advance(Duration.ofSeconds(2));
        long handedOver = System.nanoTime();
        assertEquals(200, patch(elsewhere, "{\"worker\":\"" + worker + "\"}").status()); // due now, and this worker's
        Response answer = poll.get(5, java.util.concurrent.TimeUnit.SECONDS);
        long millis = (System.nanoTime() - handedOver) / 1_000_000;
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(List.of(elsewhere), ids(answer));
        assertTrue(millis < 1_000, "answered " + millis + " ms after the task became due");
    }

    @Test
    void a_long_poll_wakes_when_its_workers_next_task_falls_due() throws Exception {
        String id = createId(1);
        var poll = longPoll(worker, 20);
        clock.advance(Duration.ofSeconds(1));
        Response answer = poll.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(List.of(id), ids(answer));
    }

    @Test
    void a_long_poll_that_finds_nothing_ends_with_an_empty_list() throws Exception {
        var poll = longPoll(worker, 1);
        Thread.sleep(300); // the wait has begun (its end is reckoned by the service's clock, which only the test moves)
        clock.advance(Duration.ofSeconds(2));
        Response answer = poll.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(List.of(), answer.list());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"worker\":\"w\",\"wait_seconds\":31}", "{\"worker\":\"w\",\"wait_seconds\":-1}",
            "{\"worker\":\"w\",\"wait_seconds\":1.5}"})
    void claim_refuses_waits_out_of_bounds(String body) {
        assertProblem(http.post("/api/tasks/claim", body), 400);
    }

    // ---- Idempotency-Key

    protected Response postWithKey(String path, String body, String key) {
        return http.sendWithHeaders("POST", path, body, Map.of("Content-Type", "application/json", "Idempotency-Key", key));
    }

    @Test
    void a_create_sent_again_with_its_key_answers_as_the_first_did_and_creates_nothing_more() {
        String key = "key-" + UUID.randomUUID();
        String body = "{\"start\":\"" + at(60) + "\",\"worker\":\"" + worker + "\"}";
        Response first = postWithKey("/api/tasks", body, key);
        assertEquals(201, first.status(), first::toString);
        assertTrue(first.header("Idempotent-Replayed").isEmpty());
        Response again = postWithKey("/api/task", body, "\"" + key + "\"");
        assertEquals(201, again.status(), again::toString);
        assertEquals("true", again.header("Idempotent-Replayed").orElseThrow());
        assertEquals(first.object(), again.object());
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.header("ETag"), again.header("ETag"));
        assertEquals(1, http.get("/api/tasks?worker=" + worker).list().size(), "one task, whatever the retries");

        Response other = postWithKey("/api/tasks", body.replace(worker, worker + "-x"), key);
        assertEquals(422, other.status(), other::toString);
        assertEquals("urn:portside:problem:idempotency-key-reused", other.object().get("type"));
        assertEquals(201, postWithKey("/api/tasks", body, key + "-2").status(), "a new key is a new request");
        assertEquals(201, http.post("/api/tasks", body).status(), "without a key, every POST creates");
        assertEquals(3, http.get("/api/tasks?worker=" + worker).list().size());
    }

    @Test
    void a_failed_create_keeps_no_answer_and_a_malformed_key_is_400() {
        String key = "key-" + UUID.randomUUID();
        assertEquals(400, postWithKey("/api/tasks", "{\"start\":\"" + at(-60) + "\",\"worker\":\"" + worker + "\"}", key).status());
        assertEquals(201, postWithKey("/api/tasks", "{\"start\":\"" + at(60) + "\",\"worker\":\"" + worker + "\"}", key).status(),
                "a refused request is not remembered: the key is free to do it right");
        assertProblem(postWithKey("/api/tasks", "{\"start\":\"" + at(60) + "\",\"worker\":\"" + worker + "\"}", "with space"), 400);
        assertProblem(postWithKey("/api/tasks", "{\"start\":\"" + at(60) + "\",\"worker\":\"" + worker + "\"}", "x".repeat(256)), 400);
    }

    // ---- list

    @Test
    void list_filters_combine_and_bounds_are_strict() {
        String a = createId(100);
        String b = createId(200);
        String c = createId(300);
        status(c, "RUNNING");
        assertEquals(List.of(a, b, c), ids(http.get("/api/tasks?worker=" + worker)));
        assertEquals(List.of(a, b), ids(http.get("/api/tasks?worker=" + worker + "&status=SCHEDULED")));
        assertEquals(List.of(b), ids(http.get("/api/tasks?worker=" + worker + "&from=" + at(100) + "&to=" + at(300))));
        assertEquals(List.of(c), ids(http.get("/api/task?worker=" + worker + "&status=RUNNING&from=" + at(200))));
        assertEquals(List.of(), ids(http.get("/api/tasks?worker=" + worker + "&status=FAILED")));
    }

    @Test
    void list_pages_with_a_keyset_cursor_in_the_link_header() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(createId(100 + i));
        }
        List<String> seen = new ArrayList<>();
        String next = "/api/tasks?worker=" + worker + "&limit=2";
        int pages = 0;
        while (next != null) {
            Response page = http.get(next);
            assertEquals(200, page.status(), page::toString);
            seen.addAll(ids(page));
            pages++;
            next = page.header("Link").map(l -> {
                assertTrue(l.endsWith(">; rel=\"next\""), l);
                URI uri = URI.create(l.substring(1, l.indexOf('>')));
                return uri.getRawPath() + "?" + uri.getRawQuery();
            }).orElse(null);
        }
        assertEquals(all, seen);
        assertEquals(3, pages);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=abc", "status=running", "status=DONE", "from=yesterday",
            "to=2099-01-01T00:00:00", "after=garbage", "worker=%20", "from=%2B10000-01-01T00:00:00Z", "to=-0001-01-01T00:00:00Z",
            "after=OTk5OTk5OTk5OTk5OmFhYWFhYWFhLWFhYWEtNGFhYS1hYWFhLWFhYWFhYWFhYWFhYQ"})
    void bad_filter_values_are_400(String query) {
        assertProblem(http.get("/api/tasks?" + query), 400);
    }
}

package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.portside.rest.shared.Http.Response;
import org.portside.rest.tasks.TasksApiContract;
import org.slf4j.LoggerFactory;

/** Every row and rule of the task API against PostgreSQL, plus hand-out to many workers at once. */
@MicronautTest
class TasksEndToEndTest extends TasksApiContract {

    @Test
    void eight_concurrent_claimers_over_http_get_each_of_1000_due_tasks_exactly_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String start = at(1 + i % 30);
                creates.add(() -> http.post("/api/tasks", "{\"start\":\"" + start + "\",\"worker\":\"" + worker + "\"}").status());
            }
            for (Future<Integer> f : pool.invokeAll(creates)) {
                assertEquals(201, f.get());
            }
            clock.advance(Duration.ofSeconds(60));
            List<String> claimed = Collections.synchronizedList(new ArrayList<>());
            List<Callable<Void>> claimers = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                claimers.add(() -> {
                    List<String> batch;
                    do {
                        Response r = http.post("/api/tasks/claim", "{\"worker\":\"" + worker + "\",\"limit\":9}");
                        assertEquals(200, r.status(), r::toString);
                        batch = ids(r);
                        claimed.addAll(batch);
                    } while (!batch.isEmpty());
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(claimers)) {
                f.get();
            }
            assertEquals(1000, claimed.size(), "every due task was handed out");
            assertEquals(1000, new HashSet<>(claimed).size(), "no task was handed out twice");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Reports that reach the service together are written together (one statement); each is still
     * answered for itself. Every task is completed twice at once with its lease: one 200 carrying
     * what is stored, one 409, and one "completed" event.
     */
    @Test
    @SuppressWarnings("unchecked")
    void two_hundred_parallel_completions_of_100_tasks_give_each_one_200_the_stored_task_and_one_409() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertEquals(201, http.post("/api/tasks", "{\"start\":\"" + at(1) + "\",\"worker\":\"" + worker + "\"}").status());
        }
        clock.advance(Duration.ofSeconds(60));
        List<Object> claimed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            claimed.addAll(http.post("/api/tasks/claim", "{\"worker\":\"" + worker + "\",\"limit\":10}").list());
        }
        assertEquals(100, claimed.size());
        List<Callable<Response>> reports = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Object> task = (Map<String, Object>) claimed.get(i / 2); // the two of a task are sent together
            String body = "{\"lease\":\"" + token(task) + "\"}";
            reports.add(() -> step((String) task.get("id"), "complete", body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Response>> answers = pool.invokeAll(reports);
            for (int i = 0; i < 200; i += 2) {
                String id = (String) ((Map<String, Object>) claimed.get(i / 2)).get("id");
                List<Response> pair = List.of(answers.get(i).get(), answers.get(i + 1).get());
                assertEquals(List.of(200, 409), pair.stream().map(Response::status).sorted().toList(), id);
                Response done = pair.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
                assertEquals("SUCCEEDED", done.object().get("status"));
                assertEquals(done.object(), http.get("/api/tasks/" + id).object(), "stored as answered");
                assertEquals(1L, http.get("/api/tasks/" + id + "/events").list().stream()
                        .filter(e -> "completed".equals(((Map<String, Object>) e).get("type"))).count(), id);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * New tasks sent at once share statements (no Idempotency-Key): still each request gets its own
     * task, as stored, with one created event; a long payload (read on the pool) and a bad body (a
     * 400 naming its field, through the same stages) are answered as any.
     */
    @Test
    @SuppressWarnings("unchecked")
    void two_hundred_parallel_creations_give_each_its_own_stored_task() throws Exception {
        List<Callable<Response>> creates = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String body = "{\"start\":\"" + at(60) + "\",\"worker\":\"" + worker + "\",\"payload\":{\"n\":" + i + "}}";
            creates.add(() -> http.post("/api/tasks", body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Response>> answers = pool.invokeAll(creates);
            java.util.Set<Object> ns = new java.util.HashSet<>();
            for (Future<Response> answer : answers) {
                Response created = answer.get();
                assertEquals(201, created.status(), created.body());
                String id = (String) created.object().get("id");
                assertEquals(created.object(), http.get("/api/tasks/" + id).object(), "stored as answered");
                assertEquals(List.of("created"), http.get("/api/tasks/" + id + "/events").list().stream()
                        .map(e -> ((Map<String, Object>) e).get("type")).toList(), id);
                ns.add(((Map<String, Object>) created.object().get("payload")).get("n"));
            }
            assertEquals(200, ns.size(), "each request's own payload");
        } finally {
            pool.shutdownNow();
        }
        String large = "x".repeat(40_000);
        Response long_ = http.post("/api/tasks", "{\"start\":\"" + at(60) + "\",\"worker\":\"" + worker
                + "\",\"payload\":{\"s\":\"" + large + "\"}}");
        assertEquals(201, long_.status(), long_.body());
        assertEquals(large, ((Map<String, Object>) http.get("/api/tasks/" + long_.object().get("id")).object().get("payload")).get("s"));
        Response bad = http.post("/api/tasks", "{\"start\":\"" + at(60) + "\",\"worker\":\"" + worker
                + "\",\"payload\":{\"s\":\"" + large + "\"},\"title\":7}");
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("/title"), bad.body());
    }

    /**
     * The crash test: 8 workers over 2,000 due tasks; on its first attempt a third of them is dropped
     * by a worker that "crashes" (never heartbeats or completes). Once those leases expire the tasks
     * are handed out again and finished; the crashed workers, coming back, are refused.
     */
    @Test
    @SuppressWarnings("unchecked")
    void crashed_workers_tasks_are_run_again_and_each_succeeds_exactly_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> creates = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                String start = at(1 + i % 30);
                creates.add(() -> (String) http.post("/api/tasks", "{\"start\":\"" + start + "\",\"worker\":\"" + worker + "\"}").object().get("id"));
            }
            Set<String> all = new HashSet<>();
            for (Future<String> f : pool.invokeAll(creates)) {
                all.add(f.get());
            }
            assertEquals(2000, all.size());
            clock.advance(Duration.ofSeconds(60));
            Map<String, String> dropped = new ConcurrentHashMap<>();      // task id -> the crashed worker's lease
            Map<String, Integer> completions = new ConcurrentHashMap<>();
            for (int round = 1; round <= 2; round++) {
                boolean rerun = round == 2;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                List<Callable<Void>> workers = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    workers.add(() -> {
                        List<Object> batch;
                        do {
                            Response r = http.post("/api/tasks/claim", "{\"worker\":\"" + worker + "\",\"limit\":10,\"lease_seconds\":30}");
                            assertEquals(200, r.status(), r::toString);
                            batch = r.list();
                            for (Object o : batch) {
                                Map<String, Object> task = (Map<String, Object>) o;
                                String id = (String) task.get("id");
                                String token = token(task);
                                if ((int) task.get("attempt") == 1 && Math.floorMod(id.hashCode(), 3) == 0) {
                                    dropped.put(id, token); // crashes: never a word again
                                    continue;
                                }
                                Response done = step(id, "complete", "{\"lease\":\"" + token + "\"}");
                                assertEquals(200, done.status(), done::toString);
                                completions.merge(id, 1, Integer::sum);
                            }
                            if (batch.isEmpty() && rerun) {
                                // the lease sweep, running meanwhile, may hold expired leases for a moment
                                // (claims skip locked rows): then an empty batch does not mean none are left
                                Thread.sleep(10);
                            }
                        } while (!batch.isEmpty() || rerun && !completions.keySet().containsAll(dropped.keySet())
                                && System.nanoTime() < deadline);
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(workers)) {
                    f.get();
                }
                clock.advance(Duration.ofSeconds(31)); // the crashed workers' leases run out
            }
            assertTrue(dropped.size() > 500 && dropped.size() < 850, "about a third crashed: " + dropped.size());
            assertEquals(all, completions.keySet(), "every task was completed");
            assertTrue(completions.values().stream().allMatch(n -> n == 1), "each exactly once");
            for (Map.Entry<String, String> zombie : dropped.entrySet()) {
                Response late = step(zombie.getKey(), "complete", "{\"lease\":\"" + zombie.getValue() + "\"}");
                assertEquals(409, late.status(), "a stale lease's complete is refused: " + late);
            }
            List<Callable<Map<String, Object>>> reads = all.stream()
                    .<Callable<Map<String, Object>>>map(id -> () -> http.get("/api/tasks/" + id).object()).toList();
            for (Future<Map<String, Object>> f : pool.invokeAll(reads)) {
                Map<String, Object> task = f.get();
                assertEquals("SUCCEEDED", task.get("status"), task::toString);
                assertEquals(dropped.containsKey(task.get("id")) ? 2 : 1, task.get("attempt"), task::toString);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Inject
    TaskGauges gauges;

    @Test
    void the_stats_are_prometheus_gauges_too() {
        createId(10);
        createId(20);
        clock.advance(Duration.ofSeconds(15));
        gauges.refresh();
        Response scrape = new org.portside.rest.shared.Http(server.getURI()).get("/prometheus"); // not an API path
        assertEquals(200, scrape.status());
        String text = scrape.body();
        assertTrue(text.contains("portside_tasks{status=\"SCHEDULED\"}"), text);
        assertTrue(text.contains("portside_tasks_by_worker{status=\"SCHEDULED\",worker=\"" + worker + "\"} 2.0"), text);
        assertTrue(text.contains("portside_tasks_oldest_due_age_seconds"), text);
        assertTrue(text.contains("portside_tasks_expired_leases"), text);
    }

    @Test
    void everything_a_task_goes_through_is_logged_at_info_with_its_id_and_worker() {
        Logger logger = (Logger) LoggerFactory.getLogger("portside.tasks");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(captured);
        try {
            String id = createId(10);
            status(id, "FAILED");
            patch(id, "{\"status\":\"SCHEDULED\",\"start\":\"" + at(20) + "\"}");
            clock.advance(Duration.ofSeconds(30));
            assertEquals(200, http.post("/api/tasks/claim", "{\"worker\":\"" + worker + "\"}").status());
            status(id, "SUCCEEDED");
            assertEquals(204, http.delete("/api/tasks/" + id).status());
            List<String> lines = captured.list.stream()
                    .filter(e -> e.getLevel() == Level.INFO)
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains(id) && m.contains(worker))
                    .toList();
            assertEquals(6, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("created"), lines.toString());
            assertTrue(lines.get(1).contains("SCHEDULED -> FAILED"), lines.toString());
            assertTrue(lines.get(3).contains("claimed"), lines.toString());
            assertTrue(lines.get(5).contains("deleted"), lines.toString());
        } finally {
            logger.detachAppender(captured);
            logger.setLevel(before);
        }
    }

    @Test
    void concurrent_payload_patches_of_different_keys_are_all_kept() throws Exception {
        String id = createId(600);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> patches = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String body = "{\"key" + i + "\":" + i + "}";
                patches.add(() -> http.send("PATCH", "/api/tasks/" + id + "/payload", body, "application/json").status());
            }
            for (Future<Integer> f : pool.invokeAll(patches)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(32, ((java.util.Map<?, ?>) http.get("/api/tasks/" + id).object().get("payload")).size());
    }
}

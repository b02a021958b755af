package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.portside.rest.shared.Http;
import org.portside.rest.shared.Http.Response;
import org.portside.rest.users.UsersApiContract;

/**
 * The whole service as shipped: every row of the users & groups API over HTTP against PostgreSQL
 * (the configured server, or the embedded default), plus what only a real database can show:
 * concurrent requests.
 */
@MicronautTest
class UsersEndToEndTest extends UsersApiContract {

    @Test
    void fifty_parallel_creations_of_one_userid_give_one_201_and_49_409() throws Exception {
        String u = id("contended");
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String group = id("g" + (i % 5));
            attempts.add(() -> http.post("/users", user(u, group, id("common"))).status());
        }
        Map<Integer, Long> statuses = runAll(attempts).stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 409, 49L), statuses);
        assertEquals(2, ((List<?>) http.get("/users/" + u).object().get("groups")).size());
    }

    /**
     * Creations that arrive together are stored by one statement (a batch): each is still answered for
     * itself, and what is stored is what the 201 said.
     */
    @Test
    void two_hundred_parallel_creations_of_100_userids_give_each_one_201_the_stored_record_and_one_409() throws Exception {
        List<Callable<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String u = id("batch" + (i / 2)); // the two creations of a userid are sent together
            String group = id("side" + (i % 2));
            attempts.add(() -> http.post("/users", user(u, group, id("all"))));
        }
        Map<String, List<Response>> byUser = new HashMap<>();
        for (Response r : runAll(attempts)) {
            String userid = r.status() == 201 ? (String) r.object().get("userid")
                    : ((String) r.object().get("detail")).replaceAll(".*userid '([^']*)'.*", "$1");
            byUser.computeIfAbsent(userid, k -> new ArrayList<>()).add(r);
        }
        assertEquals(100, byUser.size());
        for (Map.Entry<String, List<Response>> answers : byUser.entrySet()) {
            List<Integer> statuses = answers.getValue().stream().map(Response::status).sorted().toList();
            assertEquals(List.of(201, 409), statuses, answers.getKey());
            Response created = answers.getValue().stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
            assertEquals(created.object(), http.get("/users/" + answers.getKey()).object(), "stored as answered");
        }
    }

    @Test
    void parallel_member_replacements_leave_user_and_group_views_consistent() throws Exception {
        String g = id("busy");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            users.add(id("u" + i));
            http.post("/users", user(users.get(i)));
        }
        http.send("POST", "/groups/" + g, null, null);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int stride = i % 4 + 1;
            List<String> members = new ArrayList<>();
            for (int k = 0; k < users.size(); k += stride) {
                members.add("\"" + users.get(k) + "\"");
            }
            work.add(() -> http.put("/groups/" + g, "[" + String.join(",", members) + "]").status());
            String u = users.get(i % users.size());
            work.add(() -> http.put("/users/" + u, user(u, g)).status());
        }
        assertTrue(runAll(work).stream().allMatch(s -> s == 200));

        List<Object> members = http.get("/groups/" + g).list();
        Map<String, Boolean> listed = new HashMap<>();
        for (String u : users) {
            listed.put(u, ((List<?>) http.get("/users/" + u).object().get("groups")).contains(g));
        }
        for (String u : users) {
            assertEquals(members.contains(u), listed.get(u), u + ": group view " + members + " vs user view");
        }
    }

    private static <T> List<T> runAll(List<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(work)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void api_description_and_health_are_served() {
        Http http = new Http(server.getURI()); // these routes serve the service, not its API: not in the document
        Response spec = http.get("/openapi.yml");
        assertEquals(200, spec.status());
        for (String path : new String[] {"/users/{userid}", "/groups/{name}", "/guid/{guid}", "/api/tasks/{id}/payload/{key}",
                "/api/tasks/claim"}) {
            assertTrue(spec.body().contains(path + ":"), "the OpenAPI document describes " + path);
        }
        assertFalse(spec.body().contains("/api/task/"), "the singular alias is served, not documented twice");
        assertEquals(201, http.post("/api/task", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w\"}").status(),
                "the singular alias is served");
        assertTrue(spec.body().contains("application/problem+json"), "errors are documented as problems");
        Response ui = http.get("/swagger-ui");
        assertEquals(200, ui.status());
        assertTrue(ui.body().contains("swagger-ui-bundle.js"));
        assertTrue(ui.body().contains("contextPath + '/openapi.yml'"), "Swagger UI opens the one served document");
        assertEquals(200, http.get("/swagger-ui/res/swagger-ui-bundle.js").status());
        Response health = http.get("/health");
        assertEquals(200, health.status(), health::toString);
        assertEquals("UP", health.object().get("status"));
        assertTrue(health.body().contains("jdbc"), "the database is reported: " + health.body());
        assertTrue(health.body().contains("\"cache\""), "the cache is reported: " + health.body());
    }
}

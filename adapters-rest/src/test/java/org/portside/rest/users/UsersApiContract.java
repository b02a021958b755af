package org.portside.rest.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.rest.shared.Http;
import org.portside.rest.shared.Http.Response;
import org.portside.rest.shared.ProblemAssertions;

/**
 * Every row of the users & groups API, over HTTP against a running server. Extended once per set
 * of driven adapters (in memory here, PostgreSQL in bootstrap), so both behave identically. Ids are
 * unique per test, so the suite also runs against a database that already holds data.
 */
public abstract class UsersApiContract {

    @Inject
    protected EmbeddedServer server;

    protected Http http;
    private String suffix;

    @BeforeEach
    void connect() {
        http = new Http(server.getURI()).checkedAgainstDocument();
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    /** A name unique to this test. */
    protected String id(String name) {
        return name + "-" + suffix;
    }

    protected static String user(String userid, String... groups) {
        StringBuilder list = new StringBuilder();
        for (String g : groups) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(g).append('"');
        }
        return "{\"first_name\":\"Joe\",\"last_name\":\"Smith\",\"userid\":\"" + userid + "\",\"groups\":[" + list + "]}";
    }

    protected static void assertProblem(Response r, int status) {
        ProblemAssertions.assertProblem(r, status);
    }

    // ---- GET /users/{userid}

    @Test
    void created_user_reads_back_with_all_fields_and_sorted_groups() {
        String u = id("jsmith");
        Response created = http.post("/users", user(u, id("users"), id("admins")));
        assertEquals(201, created.status(), created::toString);
        assertEquals("/users/" + u, created.header("Location").orElseThrow());
        Response read = http.get("/users/" + u);
        assertEquals(200, read.status());
        assertEquals(Map.of("first_name", "Joe", "last_name", "Smith", "userid", u,
                "groups", List.of(id("admins"), id("users"))), read.object());
        assertEquals(created.object(), read.object());
    }

    @Test
    void unknown_user_is_404() {
        assertProblem(http.get("/users/" + id("ghost")), 404);
    }

    @Test
    void malformed_userid_in_url_is_400_naming_the_parameter() {
        Response r = http.get("/users/bad%20id");
        assertProblem(r, 400);
        assertEquals(List.of("userid"), r.errorLocations());
        assertProblem(http.get("/users/" + "x".repeat(65)), 400);
    }

    // ---- POST /users and POST /users/{userid}

    @Test
    void user_without_groups_gets_an_empty_list() {
        String u = id("nogroups");
        Response r = http.post("/users", "{\"first_name\":\"A\",\"last_name\":\"B\",\"userid\":\"" + u + "\"}");
        assertEquals(201, r.status(), r::toString);
        assertEquals(List.of(), r.object().get("groups"));
    }

    @Test
    void creating_at_the_users_url_takes_the_userid_from_the_url() {
        String u = id("aturl");
        Response r = http.post("/users/" + u, "{\"first_name\":\"A\",\"last_name\":\"B\"}");
        assertEquals(201, r.status(), r::toString);
        assertEquals("/users/" + u, r.header("Location").orElseThrow());
        assertEquals(u, http.get("/users/" + u).object().get("userid"));
        assertEquals(201, http.post("/users/" + id("same"), user(id("same"))).status(), "an equal body userid is fine");
    }

    @Test
    void body_userid_differing_from_the_url_is_400() {
        Response r = http.post("/users/" + id("url"), user(id("body")));
        assertProblem(r, 400);
        assertEquals(List.of("/userid"), r.errorLocations());
        assertProblem(http.get("/users/" + id("url")), 404);
    }

    @Test
    void existing_userid_is_409_and_the_first_record_stays() {
        String u = id("taken");
        assertEquals(201, http.post("/users", user(u, id("first"))).status());
        assertProblem(http.post("/users", user(u, id("second"))), 409);
        assertProblem(http.post("/users/" + u, user(u)), 409);
        assertEquals(List.of(id("first")), http.get("/users/" + u).object().get("groups"));
        assertProblem(http.get("/groups/" + id("second")), 404);
    }

    @Test
    void naming_groups_that_do_not_exist_creates_them() {
        String u = id("creator");
        http.post("/users", user(u, id("fresh")));
        Response group = http.get("/groups/" + id("fresh"));
        assertEquals(200, group.status());
        assertEquals(List.of(u), group.list());
    }

    @Test
    void every_bad_field_is_named_with_its_pointer() {
        Response r = http.post("/users", "{\"first_name\":1,\"last_name\":\"  \",\"userid\":\"a b\","
                + "\"groups\":[\"ok\",\"ok\",7,\"bad name\"],\"age\":3}");
        assertProblem(r, 400);
        assertEquals(List.of("/first_name", "/last_name", "/userid", "/groups/1", "/groups/2", "/groups/3", "/age"),
                r.errorLocations());
    }

    @Test
    void a_null_body_is_valid_json_of_the_wrong_kind() {
        Response r = http.post("/users", "null");
        assertProblem(r, 400);
        String detail = r.object().get("detail").toString();
        assertTrue(detail.contains("object") && detail.contains("null") && !detail.contains("not valid JSON"), r::toString);
    }

    @Test
    void blank_names_and_malformed_userids_are_worded_as_the_domain_words_them() {
        Response r = http.post("/users", "{\"first_name\":\" \",\"last_name\":\"S\",\"userid\":\"a b\"}");
        assertProblem(r, 400);
        assertEquals(List.of("/first_name", "/userid"), r.errorLocations());
        assertTrue(r.body().contains("must not be blank") && r.body().contains(org.portside.domain.shared.Identifier.EXPECTED), r::toString);
    }

    @Test
    void text_postgresql_cannot_store_is_400_not_500() {
        Response r = http.post("/users", "{\"first_name\":\"J\\u0000\",\"last_name\":\"S\",\"userid\":\"" + id("nul") + "\"}");
        assertProblem(r, 400);
        assertEquals(List.of("/first_name"), r.errorLocations());
    }

    @Test
    void missing_required_fields_are_400() {
        Response r = http.post("/users", "{}");
        assertProblem(r, 400);
        assertEquals(List.of("/first_name", "/last_name", "/userid"), r.errorLocations());
    }

    @Test
    void null_values_and_wrong_types_are_400() {
        assertProblem(http.post("/users", "{\"first_name\":null,\"last_name\":\"S\",\"userid\":\"" + id("n") + "\"}"), 400);
        Response groups = http.post("/users", "{\"first_name\":\"J\",\"last_name\":\"S\",\"userid\":\"" + id("n") + "\",\"groups\":\"admins\"}");
        assertProblem(groups, 400);
        assertEquals(List.of("/groups"), groups.errorLocations());
        assertProblem(http.post("/users", "{\"first_name\":\"J\",\"last_name\":\"S\",\"userid\":\"" + id("n") + "\",\"groups\":null}"), 400);
    }

    @Test
    void bodies_that_are_not_json_objects_are_400() {
        assertProblem(http.post("/users", "{\"first_name\": \"Joe\","), 400);
        assertProblem(http.post("/users", "not json"), 400);
        assertProblem(http.post("/users", "[1,2]"), 400);
        assertProblem(http.post("/users", "\"text\""), 400);
        assertProblem(http.post("/users", "{\"first_name\":\"J\",\"last_name\":\"S\",\"userid\":\"x\",}"), 400);
        assertProblem(http.send("POST", "/users", null, null), 400);
        assertProblem(http.post("/users", user(id("trailing")) + " trailing"), 400);
        assertProblem(http.post("/users", user(id("two")) + "{}"), 400);
        Response duplicate = http.post("/users", "{\"first_name\":\"J\",\"last_name\":\"S\",\"userid\":\"" + id("a")
                + "\",\"userid\":\"" + id("b") + "\"}");
        assertProblem(duplicate, 400);
        assertTrue(duplicate.object().get("detail").toString().contains("userid"), duplicate::toString);
        assertProblem(http.get("/users/" + id("trailing")), 404);
        assertEquals(201, http.post("/users", user(id("spaces")) + "  \n ").status(), "white space around the value is fine");
    }

    @Test
    void json_is_accepted_without_a_content_type() {
        String u = id("nocontenttype");
        Response r = http.send("POST", "/users", user(u), null);
        assertEquals(201, r.status(), r::toString);
        assertEquals(200, http.send("PUT", "/users/" + u, user(u, id("g")), null).status());
        // what `curl -d` sends when no header is given
        String v = id("curlform");
        assertEquals(201, http.send("POST", "/users", user(v), "application/x-www-form-urlencoded").status());
        assertEquals(200, http.send("PUT", "/groups/" + id("g"), "[\"" + v + "\"]", "application/x-www-form-urlencoded").status());
    }

    @Test
    void bodies_over_one_mebibyte_are_413() {
        String big = "{\"first_name\":\"" + "x".repeat(1024 * 1024) + "\",\"last_name\":\"S\",\"userid\":\"" + id("big") + "\"}";
        assertProblem(http.post("/users", big), 413);
    }

    // ---- PUT /users/{userid}

    @Test
    void put_replaces_the_whole_record_and_omitted_groups_mean_none() {
        String u = id("replace");
        http.post("/users", user(u, id("a"), id("b")));
        Response r = http.put("/users/" + u, "{\"first_name\":\"Jo\",\"last_name\":\"Smyth\"}");
        assertEquals(200, r.status(), r::toString);
        assertEquals(Map.of("first_name", "Jo", "last_name", "Smyth", "userid", u, "groups", List.of()), r.object());
        assertEquals(List.of(), http.get("/groups/" + id("a")).list());
        Response moved = http.put("/users/" + u, user(u, id("c")));
        assertEquals(List.of(id("c")), moved.object().get("groups"));
        assertEquals(List.of(u), http.get("/groups/" + id("c")).list());
    }

    @Test
    void put_of_an_unknown_user_is_404() {
        assertProblem(http.put("/users/" + id("ghost"), user(id("ghost"))), 404);
    }

    @Test
    void put_cannot_change_the_userid() {
        String u = id("immutable");
        http.post("/users", user(u));
        Response r = http.put("/users/" + u, user(id("other")));
        assertProblem(r, 400);
        assertEquals(List.of("/userid"), r.errorLocations());
        assertEquals(200, http.get("/users/" + u).status());
    }

    @Test
    void put_with_an_invalid_body_is_400_and_changes_nothing() {
        String u = id("keep");
        http.post("/users", user(u, id("g")));
        assertProblem(http.put("/users/" + u, "{\"first_name\":\"\",\"last_name\":\"S\"}"), 400);
        assertProblem(http.put("/users/" + u, "[]"), 400);
        assertProblem(http.put("/users/bad!id", user(u)), 400);
        assertEquals(List.of(id("g")), http.get("/users/" + u).object().get("groups"));
    }

    // ---- DELETE /users/{userid}

    @Test
    void deleted_user_is_gone_and_has_left_every_group() {
        String u = id("leaver");
        String other = id("stayer");
        http.post("/users", user(u, id("g")));
        http.post("/users", user(other, id("g")));
        Response r = http.delete("/users/" + u);
        assertEquals(204, r.status());
        assertEquals("", r.body());
        assertProblem(http.get("/users/" + u), 404);
        assertEquals(List.of(other), http.get("/groups/" + id("g")).list());
        assertProblem(http.delete("/users/" + u), 404);
        assertProblem(http.delete("/users/bad%20id"), 400);
    }

    // ---- groups

    @Test
    void group_created_from_a_body_is_empty() {
        String g = id("admins");
        Response r = http.post("/groups", "{\"name\":\"" + g + "\"}");
        assertEquals(201, r.status(), r::toString);
        assertEquals("/groups/" + g, r.header("Location").orElseThrow());
        assertEquals(Map.of("name", g, "userids", List.of()), r.object());
        Response members = http.get("/groups/" + g);
        assertEquals(200, members.status());
        assertEquals(List.of(), members.list());
    }

    @Test
    void group_created_at_its_url_needs_no_body() {
        String g = id("ops");
        Response r = http.send("POST", "/groups/" + g, null, null);
        assertEquals(201, r.status(), r::toString);
        assertEquals(Map.of("name", g, "userids", List.of()), r.object());
        assertProblem(http.send("POST", "/groups/" + g, null, null), 409);
        assertProblem(http.post("/groups", "{\"name\":\"" + g + "\"}"), 409);
    }

    @Test
    void group_creation_rejects_bad_names() {
        assertProblem(http.post("/groups", "{}"), 400);
        assertProblem(http.post("/groups", "{\"name\":5}"), 400);
        assertProblem(http.post("/groups", "{\"name\":\"has space\"}"), 400);
        assertProblem(http.post("/groups", "{\"name\":\"ok\",\"extra\":true}"), 400);
        assertProblem(http.post("/groups", "[]"), 400);
        assertProblem(http.send("POST", "/groups/bad%20name", null, null), 400);
        assertProblem(http.post("/groups/" + id("url"), "{\"name\":\"" + id("body") + "\"}"), 400);
    }

    @Test
    void unknown_group_is_404_everywhere() {
        String g = id("nogroup");
        assertProblem(http.get("/groups/" + g), 404);
        assertProblem(http.put("/groups/" + g, "[]"), 404);
        assertProblem(http.delete("/groups/" + g), 404);
    }

    @Test
    void putting_members_sets_them_exactly_and_users_agree() {
        String g = id("team");
        String a = id("a");
        String b = id("b");
        String c = id("c");
        http.post("/users", user(a, g));
        http.post("/users", user(b));
        http.post("/users", user(c));
        Response r = http.put("/groups/" + g, "[\"" + c + "\",\"" + b + "\"]");
        assertEquals(200, r.status(), r::toString);
        assertEquals(List.of(b, c), r.list());
        assertEquals(List.of(b, c), http.get("/groups/" + g).list());
        assertEquals(List.of(), http.get("/users/" + a).object().get("groups"));
        assertEquals(List.of(g), http.get("/users/" + c).object().get("groups"));
        assertEquals(List.of(), http.put("/groups/" + g, "[]").list());
        assertEquals(List.of(), http.get("/users/" + b).object().get("groups"));
    }

    @Test
    void unknown_userids_are_all_listed_and_nothing_is_applied() {
        String g = id("strict");
        String a = id("a");
        http.post("/users", user(a, g));
        Response r = http.put("/groups/" + g, "[\"" + id("x") + "\",\"" + a + "\",\"" + id("y") + "\"]");
        assertProblem(r, 400);
        assertEquals(List.of("/0", "/2"), r.errorLocations());
        assertTrue(r.object().get("detail").toString().contains(id("x")));
        assertEquals(List.of(a), http.get("/groups/" + g).list());
    }

    @Test
    void member_lists_must_be_lists_of_unique_userid_strings() {
        String g = id("shape");
        http.send("POST", "/groups/" + g, null, null);
        assertProblem(http.put("/groups/" + g, "{\"userids\":[]}"), 400);
        assertProblem(http.put("/groups/" + g, "\"a\""), 400);
        Response types = http.put("/groups/" + g, "[\"a\", 1, null]");
        assertProblem(types, 400);
        assertEquals(List.of("/1", "/2"), types.errorLocations());
        Response dupes = http.put("/groups/" + g, "[\"a\",\"a\"]");
        assertProblem(dupes, 400);
        assertEquals(List.of("/1"), dupes.errorLocations());
        assertProblem(http.put("/groups/" + g, "[\"a\","), 400);
        assertProblem(http.put("/groups/bad%20name", "[]"), 400);
    }

    @Test
    void deleting_a_group_removes_it_from_every_user() {
        String g = id("doomed");
        String u = id("member");
        http.post("/users", user(u, g, id("kept")));
        Response r = http.delete("/groups/" + g);
        assertEquals(204, r.status());
        assertProblem(http.get("/groups/" + g), 404);
        assertEquals(List.of(id("kept")), http.get("/users/" + u).object().get("groups"));
    }

    // ---- the rest of the surface

    @Test
    void unknown_routes_and_wrong_methods_are_problems() {
        assertProblem(http.get("/nowhere"), 404);
        assertProblem(http.send("PATCH", "/users/" + id("x"), "{}", "application/json"), 405);
        assertProblem(http.send("DELETE", "/users", null, null), 405);
    }
}

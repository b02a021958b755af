package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portside.rest.shared.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With a shared secret configured, every route asks for a bearer token with the scopes it publishes. */
@MicronautTest
@Property(name = "portside.auth.jwt-secret", value = SecurityApiTest.SECRET)
class SecurityApiTest {

    static final String SECRET = "a shared secret of at least thirty-two bytes, for tests";

    @Inject
    EmbeddedServer server;

    @Inject
    java.util.Collection<io.micronaut.security.token.validator.TokenValidator<?>> validators;

    static String token(String secret, String scope, Map<String, Object> claims, Instant issued, Duration ttl) {
        try {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().subject("tester").issueTime(Date.from(issued))
                    .notBeforeTime(Date.from(issued)).expirationTime(Date.from(issued.plus(ttl)));
            if (scope != null) {
                set.claim("scope", scope);
            }
            claims.forEach(set::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(String scope) {
        return token(SECRET, scope, Map.of(), Instant.now(), Duration.ofMinutes(5));
    }

    Http.Response call(String method, String path, String body, String token) {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return new Http(server.getURI()).sendWithHeaders(method, path, body, headers);
    }

    static String user(String userid) {
        return "{\"first_name\":\"Joe\",\"last_name\":\"Smith\",\"userid\":\"" + userid + "\"}";
    }

    @Test
    void the_token_validator_in_use_remembers_what_it_accepted() {
        assertTrue(validators.stream().anyMatch(ValidatedTokens.Remembering.class::isInstance), validators::toString);
    }

    @Test
    void without_a_token_every_route_family_is_401_with_a_bearer_challenge() {
        for (String[] request : new String[][] {{"GET", "/users/jsmith", null}, {"POST", "/groups/ops", null},
                {"GET", "/guid/9094E4C980C74043A4B586B420E69DDF", null}, {"POST", "/api/tasks/claim", "{\"worker\":\"w1\"}"},
                {"GET", "/api/task", null}}) {
            Http.Response r = call(request[0], request[1], request[2], null);
            assertProblem(r, 401);
            assertEquals("Bearer realm=\"portside\"", r.header("WWW-Authenticate").orElseThrow(), r::toString);
        }
    }

    @Test
    void a_token_that_does_not_hold_is_401_invalid_token_without_saying_why() {
        Instant now = Instant.now();
        String good = token("admin");
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        String payloadChanged = good.replaceFirst("\\.[^.]+\\.", "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"tester\",\"scope\":\"admin\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8)) + ".");
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject("tester").claim("scope", "admin")
                .expirationTime(Date.from(now.plusSeconds(300))).build()).serialize();
        for (String bad : List.of(tampered, payloadChanged, unsigned, "not.a.jwt",
                token("another secret that is also more than thirty-two bytes", "admin", Map.of(), now, Duration.ofMinutes(5)),
                token(SECRET, "admin", Map.of(), now.minus(Duration.ofHours(2)), Duration.ofHours(1)),         // expired
                token(SECRET, "admin", Map.of(), now.plus(Duration.ofHours(1)), Duration.ofHours(1)))) {        // not yet valid
            Http.Response r = call("GET", "/users/jsmith", null, bad);
            assertProblem(r, 401);
            assertEquals("Bearer realm=\"portside\", error=\"invalid_token\"", r.header("WWW-Authenticate").orElseThrow(), r::toString);
            String detail = r.object().get("detail").toString().toLowerCase();
            assertFalse(detail.contains("signature") || detail.contains("expire") || detail.contains("alg"), r::toString);
        }
    }

    @Test
    void a_token_without_the_scope_is_403_naming_the_scopes_that_would_do() {
        Http.Response r = call("POST", "/users", user("nope"), token("users:read"));
        assertProblem(r, 403);
        assertEquals("Bearer realm=\"portside\", error=\"insufficient_scope\", scope=\"users:write admin\"",
                r.header("WWW-Authenticate").orElseThrow(), r::toString);
        assertProblem(call("GET", "/guid/9094E4C980C74043A4B586B420E69DDF", null, token("users:read users:write")), 403);
        assertProblem(call("POST", "/api/tasks/claim", "{\"worker\":\"w1\"}", token("tasks:read")), 403);
        assertProblem(call("POST", "/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w1\"}", token("tasks:work")), 403);
    }

    @Test
    void the_right_scope_lets_each_route_family_through() {
        String u = "u-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, call("POST", "/users", user(u), token("users:write")).status());
        assertEquals(200, call("GET", "/users/" + u, null, token("users:read")).status());
        assertEquals(200, call("GET", "/users/" + u, null, token("users:write")).status(), "write implies read");
        assertEquals(201, call("POST", "/guid", "{\"user\":\"a\"}", token("guids:write")).status());
        assertEquals(404, call("GET", "/guid/9094E4C980C74043A4B586B420E69DDF", null, token("guids:read")).status(), "let in; not found");
        assertEquals(201, call("POST", "/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w1\"}", token("tasks:write")).status());
        assertEquals(200, call("GET", "/api/tasks?worker=w1", null, token("tasks:read")).status());
        assertEquals(200, call("POST", "/api/task/claim", "{\"worker\":\"w1\"}", token("tasks:write")).status(), "the alias too");
        assertEquals(204, call("DELETE", "/users/" + u, null, token("admin")).status(), "admin is everything");
        String scp = token(SECRET, null, Map.of("scp", List.of("guids:read")), Instant.now(), Duration.ofMinutes(5));
        assertEquals(404, call("GET", "/guid/9094E4C980C74043A4B586B420E69DDF", null, scp).status(), "an scp array counts too");
    }

    @Test
    void a_worker_token_claims_only_for_its_own_worker() {
        String w1 = token(SECRET, "tasks:work", Map.of("worker", "w1"), Instant.now(), Duration.ofMinutes(5));
        assertEquals(200, call("POST", "/api/tasks/claim", "{\"worker\":\"w1\"}", w1).status());
        Http.Response other = call("POST", "/api/tasks/claim", "{\"worker\":\"w2\"}", w1);
        assertProblem(other, 403);
        assertTrue(other.object().get("type").toString().endsWith("other-worker"), other::toString);
        String noWorker = token("tasks:work");
        assertProblem(call("POST", "/api/tasks/claim", "{\"worker\":\"w1\"}", noWorker), 403);
        assertEquals(200, call("POST", "/api/tasks/claim", "{\"worker\":\"w2\"}", token("tasks:write")).status(), "tasks:write acts for anyone");
    }

    @Test
    void the_document_and_swagger_ui_need_no_token_and_unknown_routes_tell_nothing() {
        assertEquals(200, call("GET", "/openapi.yml", null, null).status());
        assertEquals(200, call("GET", "/swagger-ui", null, null).status());
        assertEquals(200, call("GET", "/swagger-ui/res/swagger-ui-bundle.js", null, null).status(), "Swagger UI's own files");
        assertProblem(call("GET", "/no/such/route", null, null), 401);
        assertProblem(call("GET", "/no/such/route", null, token("admin")), 404);
    }

    @Test
    void every_operation_publishes_the_scopes_it_needs() throws Exception {
        JsonNode document = new YAMLMapper().readTree(call("GET", "/openapi.yml", null, null).body());
        assertEquals("bearer", document.at("/components/securitySchemes/bearer/scheme").asText());
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode scopes = op.getValue().at("/security/0/bearer");
            assertTrue(scopes.isArray() && !scopes.isEmpty(), op.getValue().path("operationId").asText() + " publishes no scopes");
            assertTrue(op.getValue().path("responses").has("401") && op.getValue().path("responses").has("403"),
                    op.getValue().path("operationId").asText() + " documents 401 and 403");
        }));
    }
}

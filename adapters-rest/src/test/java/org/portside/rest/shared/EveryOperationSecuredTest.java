package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With a shared secret configured, every documented operation answers 401 without a token, 403 with
 * a token that grants none of its scopes, and works, with its documented example, given a token
 * with one of the scopes it publishes.
 */
@MicronautTest
@Property(name = "portside.auth.jwt-secret", value = SecurityApiTest.SECRET)
class EveryOperationSecuredTest {

    @Inject
    EmbeddedServer server;

    static Map<String, String> bearer(String scope) {
        String token = SecurityApiTest.token(SecurityApiTest.SECRET, scope, Map.of("worker", "w1"), Instant.now(), Duration.ofMinutes(5));
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void every_operation_refuses_without_a_token_and_without_its_scope_and_works_with_it() throws Exception {
        JsonNode document = new YAMLMapper().readTree(new Http(server.getURI()).get("/openapi.yml").body());
        Http http = new Http(server.getURI());
        DocumentedExamplesTest.walk(server, (id, scopes) -> {
            // before each operation's example goes out with the right token: the same request without one, and with the wrong one
            String path = pathOf(document, id);
            String method = methodOf(document, id);
            assertEquals(401, http.sendWithHeaders(method, path, "{}", Map.of("Content-Type", "application/json")).status(), id + " without a token");
            String foreign = scopes.contains("users:write") ? "guids:write" : "users:write";
            assertEquals(403, http.sendWithHeaders(method, path, "{}", Map.of("Content-Type", "application/json", "Authorization",
                    bearer(foreign).get("Authorization"))).status(), id + " with " + foreign + " only");
            return bearer(scopes.get(0)); // the first scope it publishes, alone
        });
    }

    /** A path the operation is served at (its parameters filled with anything: authorization comes first). */
    private static String pathOf(JsonNode document, String operationId) {
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) document.path("paths").properties()::iterator) {
            for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue().properties()::iterator) {
                if (op.getValue().path("operationId").asText().equals(operationId)) {
                    return path.getKey().replace("{userid}", "x").replace("{name}", "x").replace("{guid}", "9094E4C980C74043A4B586B420E69DDF")
                            .replace("{id}", "3f2b7c1e-8d4a-4c5e-9f10-2a6b8c9d0e1f").replace("{key}", "k");
                }
            }
        }
        throw new AssertionError("no operation " + operationId);
    }

    private static String methodOf(JsonNode document, String operationId) {
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) document.path("paths").properties()::iterator) {
            for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue().properties()::iterator) {
                if (op.getValue().path("operationId").asText().equals(operationId)) {
                    return op.getKey().toUpperCase();
                }
            }
        }
        throw new AssertionError("no operation " + operationId);
    }

}

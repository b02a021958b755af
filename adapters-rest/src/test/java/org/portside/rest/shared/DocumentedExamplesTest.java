package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every operation, tried the way Swagger UI's "Try it out" tries it: path parameters and the body
 * filled in from the document's own examples, with nothing typed by hand except the id of the task
 * the walk created. Each must succeed, so an example that would fail (a date that has passed, a
 * value a pattern refuses) fails the build instead of a user's first try.
 */
@MicronautTest
class DocumentedExamplesTest {

    /** An order in which each operation's example makes sense after the ones before it. */
    static final List<String> WALK = List.of(
            "createGroup", "listGroupMembers", "registerUser", "getUser", "replaceUser", "replaceGroupMembers",
            "removeGroup", "createGroupAt", "removeUser", "registerUserAt",
            "registerGuid", "registerGuidWithPut", "upsertGuid", "upsertGuidWithPut", "getGuid", "removeGuid",
            "scheduleTask", "findTasks", "getTask", "listTaskEvents", "changeTask", "mergeTaskPayload", "removeTaskPayloadKey",
            "claimDueTasks", "taskStats", "heartbeatTask", "completeTask", "failTask", "removeTask");

    /**
     * A lease token cannot be known before a claim hands it out, so these examples (well-formed, the
     * schema admits them) reach the task and are refused as what they are: not its current lease.
     */
    static final Set<String> LEASE_EXAMPLES = Set.of("heartbeatTask", "completeTask", "failTask");

    @Inject
    EmbeddedServer server;

    JsonNode document;

    @Test
    void every_documented_example_succeeds_in_swagger_ui_order() throws Exception {
        walk(server, (op, scopes) -> Map.of());
    }

    /**
     * Sends every operation's documented example, in {@link #WALK} order, with the headers
     * {@code auth} gives for it (from the operation and the scopes it publishes); each must succeed.
     */
    static void walk(EmbeddedServer server, java.util.function.BiFunction<String, List<String>, Map<String, String>> auth) throws Exception {
        DocumentedExamplesTest walker = new DocumentedExamplesTest();
        walker.document = new YAMLMapper().readTree(new Http(server.getURI()).get("/openapi.yml").body());
        Http http = new Http(server.getURI()).checkedAgainstDocument();
        Map<String, Operation> operations = walker.operations();
        assertEquals(new TreeSet<>(operations.keySet()), new TreeSet<>(WALK), "the walk covers every documented operation");

        Map<String, String> known = new LinkedHashMap<>();
        for (String id : WALK) {
            Operation op = operations.get(id);
            Request request = walker.request(op, known);
            List<String> scopes = new java.util.ArrayList<>();
            op.node().at("/security/0/" + Scopes.BEARER).forEach(scope -> scopes.add(scope.asText()));
            Map<String, String> headers = new java.util.HashMap<>(auth.apply(id, scopes));
            if (request.body() != null) {
                headers.put("Content-Type", "application/json");
            }
            Http.Response r = http.sendWithHeaders(op.method().toUpperCase(), request.path(), request.body(), headers);
            if (LEASE_EXAMPLES.contains(id)) {
                assertEquals(409, r.status(), id + " " + request.path() + " " + request.body() + " answered " + r);
                assertEquals("urn:portside:problem:lease-lost", r.object().get("type"), id + " answered " + r);
                continue;
            }
            assertTrue(r.status() >= 200 && r.status() < 300, id + " " + op.method() + " " + request.path() + " " + request.body() + " answered " + r);
            if (id.equals("scheduleTask")) {
                known.put("id", (String) r.object().get("id"));
            }
        }
    }

    record Request(String path, String body) {
    }

    /** The request Swagger UI's "Try it out" sends for an operation, from the document's examples. */
    Request request(Operation op, Map<String, String> known) throws Exception {
        String path = op.path();
        for (JsonNode parameter : op.node().path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                String name = parameter.path("name").asText();
                JsonNode example = parameter.has("example") ? parameter.get("example") : resolve(parameter.path("schema")).get("example");
                String value = example != null ? example.asText() : known.get(name);
                assertTrue(value != null, op.node().path("operationId").asText() + ": the path parameter " + name + " has no example");
                path = path.replace("{" + name + "}", value);
            }
        }
        JsonNode body = op.node().path("requestBody").path("content").path("application/json").path("schema");
        return new Request(path, body.isMissingNode() ? null : new ObjectMapper().writeValueAsString(example(body, op.node().path("operationId").asText())));
    }

    record Operation(String method, String path, JsonNode node) {
    }

    private Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                operations.put(op.getValue().path("operationId").asText(), new Operation(op.getKey(), path.getKey(), op.getValue()))));
        return operations;
    }

    /** The example Swagger UI shows for a schema: its own, else one built from its parts. */
    private JsonNode example(JsonNode schema, String where) {
        schema = resolve(schema);
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("oneOf")) {
            return example(schema.get("oneOf").get(0), where);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.has("default")) {
            return schema.get("default");
        }
        if ("array".equals(schema.path("type").asText())) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            return list.add(example(schema.path("items"), where + "[]"));
        }
        if (schema.has("properties")) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            schema.get("properties").properties().forEach(p -> object.set(p.getKey(), example(p.getValue(), where + "." + p.getKey())));
            return object;
        }
        throw new AssertionError(where + ": the document gives no example for " + schema);
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            schema = document.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }
}

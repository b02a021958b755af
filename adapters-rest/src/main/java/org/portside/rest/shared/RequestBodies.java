package org.portside.rest.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.portside.domain.shared.Identifier;
import org.portside.domain.shared.Text;

/**
 * The one way request bodies are read. A body is parsed strictly (exactly one JSON value, no
 * duplicate keys), checked against the schema its operation publishes in {@code /openapi.yml}
 * (every finding becomes one {@code errors[]} entry with the JSON Pointer the client spelled), and
 * only then bound by Micronaut Serde into the request type that schema was generated from. What
 * the document says a body may be is therefore exactly what is accepted.
 */
@Singleton
public final class RequestBodies {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    /** A body read: the bound value, and the validated tree (to tell an absent field from a null one, or keep JSON as written). */
    public record Read<T>(T value, JsonNode tree) {
    }

    private final ApiDocument document;
    private final io.micronaut.json.JsonMapper binder;

    RequestBodies(ApiDocument document, io.micronaut.json.JsonMapper binder) {
        this.document = document;
        this.binder = binder;
    }

    /** Reads the body of {@code operationId} (which must publish a JSON request body) into {@code type}. */
    public <T> Read<T> read(String body, String operationId, Argument<T> type) {
        JsonNode tree = parse(body);
        validate(tree, operationId);
        try {
            return new Read<>(binder.readValue(body.getBytes(StandardCharsets.UTF_8), type), tree);
        } catch (IOException | RuntimeException e) {
            // the schema admitted what the type cannot hold: the two disagree, which is our bug, not the client's
            throw new IllegalStateException("the published schema of " + operationId + " admits a body " + type + " cannot hold", e);
        }
    }

    public <T> Read<T> read(String body, String operationId, Class<T> type) {
        return read(body, operationId, Argument.of(type));
    }

    /** The body as a JSON tree, after the same parsing and validation (for bodies kept as JSON, such as payloads). */
    public JsonNode tree(String body, String operationId) {
        JsonNode tree = parse(body);
        validate(tree, operationId);
        return tree;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequest("missing-body", "a JSON body is required", List.of());
        }
        try (JsonParser parser = STRICT.createParser(body)) {
            JsonNode tree = STRICT.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new BadRequest("missing-body", "a JSON body is required", List.of());
            }
            return tree;
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            if (reason != null && reason.startsWith("Trailing token")) {
                reason = "the body must hold exactly one JSON value; more follows it";
            }
            throw new BadRequest("malformed-json", "the body is not valid JSON: " + Details.clip(firstLine(reason), 120), List.of());
        } catch (IOException e) {
            throw new BadRequest("malformed-json", "the body is not valid JSON", List.of());
        }
    }

    private void validate(JsonNode tree, String operationId) {
        JsonSchema schema = document.requestSchema(operationId)
                .orElseThrow(() -> new IllegalStateException("the document publishes no JSON body for " + operationId));
        Set<ValidationMessage> findings = schema.validate(tree);
        if (findings.isEmpty()) {
            return;
        }
        List<String> order = tree.isObject() ? List.copyOf(toSet(tree.fieldNames())) : List.of();
        // one entry per field: a value that fits none of a oneOf's forms gets one finding per form
        java.util.Map<String, java.util.LinkedHashSet<String>> byField = new java.util.TreeMap<>();
        java.util.Set<String> oneOfs = new java.util.HashSet<>();
        for (ValidationMessage finding : findings) {
            Problem.FieldError error = toFieldError(finding);
            if ("oneOf".equals(finding.getType())) {
                oneOfs.add(error.pointer());
            } else {
                byField.computeIfAbsent(error.pointer(), k -> new java.util.LinkedHashSet<>()).add(error.detail());
            }
        }
        oneOfs.forEach(pointer -> byField.computeIfAbsent(pointer, k -> new java.util.LinkedHashSet<>()));
        List<Problem.FieldError> errors = byField.entrySet().stream()
                .map(e -> Problem.FieldError.pointer(e.getKey(), oneOfs.contains(e.getKey())
                        ? "fits none of its documented forms: " + String.join(", or ", e.getValue())
                        : String.join("; ", e.getValue())))
                .sorted(Comparator.comparing((Problem.FieldError e) -> positionIn(order, e.pointer()))
                        .thenComparing((Problem.FieldError e) -> e.pointer()))
                .toList();
        throw BadRequest.of(errors);
    }

    /**
     * A finding at the field it is about: {@code required} and {@code additionalProperties} are
     * reported by the validator at the enclosing object, with the field's name beside it.
     */
    static Problem.FieldError toFieldError(ValidationMessage finding) {
        String at = finding.getInstanceLocation().toString();
        if (finding.getProperty() != null && ("required".equals(finding.getType()) || "additionalProperties".equals(finding.getType()))) {
            at = at + "/" + finding.getProperty().replace("~", "~0").replace("/", "~1");
        }
        JsonNode value = finding.getInstanceNode();
        if ("uniqueItems".equals(finding.getType()) && value != null && value.isArray()) {
            // name the repeated entry, not the whole list
            for (int i = 1; i < value.size(); i++) {
                for (int first = 0; first < i; first++) {
                    if (value.get(i).equals(value.get(first))) {
                        return Problem.FieldError.pointer(at + "/" + i, "repeats the entry at position " + first);
                    }
                }
            }
        }
        return Problem.FieldError.pointer(at, DOMAIN_WORDING.getOrDefault(patternOf(finding), finding.getError()));
    }

    /** Findings are listed in the order the client wrote the fields they are about. */
    private static int positionIn(List<String> fieldOrder, String pointer) {
        String field = pointer.isEmpty() ? "" : pointer.substring(1).split("/", 2)[0].replace("~1", "/").replace("~0", "~");
        int position = fieldOrder.indexOf(field);
        return position < 0 ? Integer.MAX_VALUE : position;
    }

    /** A published pattern is a domain rule: its finding is worded as the domain words it. */
    private static final java.util.Map<String, String> DOMAIN_WORDING = java.util.Map.of(
            Identifier.PATTERN, Identifier.EXPECTED,
            Text.NON_BLANK, "must not be blank");

    private static String patternOf(ValidationMessage finding) {
        Object[] arguments = finding.getArguments();
        return "pattern".equals(finding.getType()) && arguments != null && arguments.length > 0 ? String.valueOf(arguments[0]) : "";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        return message.lines().findFirst().orElse("unreadable");
    }

    private static Set<String> toSet(java.util.Iterator<String> names) {
        java.util.LinkedHashSet<String> set = new java.util.LinkedHashSet<>();
        names.forEachRemaining(set::add);
        return set;
    }
}

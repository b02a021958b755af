package org.portside.rest.shared;

import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.portside.domain.shared.DomainException;

/**
 * Reads the fields of one JSON object into domain values, collecting every problem (missing field,
 * wrong type, {@code null}, rule broken by the domain constructor, unknown field) with the JSON
 * Pointer of the field at fault, then {@link #finish() reports them all at once}. Getters return
 * {@code null} for a field that had a problem; call {@link #finish()} before using any value.
 */
public final class JsonObjectReader {

    private final JsonNode object;
    private final String pointer;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private JsonObjectReader(JsonNode object, String pointer) {
        this.object = object;
        this.pointer = pointer;
    }

    /** Reads {@code node} as an object that may only carry {@code knownFields}. */
    public static JsonObjectReader of(JsonNode node, Collection<String> knownFields) {
        if (!node.isObject()) {
            throw BadRequest.at("", "must be a JSON object, not " + JsonTypes.describe(node));
        }
        JsonObjectReader reader = new JsonObjectReader(node, "");
        Set<String> known = new LinkedHashSet<>(knownFields);
        for (Map.Entry<String, JsonNode> field : node.entries()) {
            if (!known.contains(field.getKey())) {
                reader.error(field.getKey(), "is not a known field; expected " + String.join(", ", known));
            }
        }
        return reader;
    }

    public boolean has(String field) {
        return object.get(field) != null;
    }

    /** A string field that must be present; {@code parse} may throw a domain exception to reject it. */
    public <T> T requiredString(String field, Function<String, T> parse) {
        JsonNode node = object.get(field);
        if (node == null) {
            error(field, "is required");
            return null;
        }
        return string(field, node, parse);
    }

    public <T> Optional<T> optionalString(String field, Function<String, T> parse) {
        JsonNode node = object.get(field);
        return node == null ? Optional.empty() : Optional.ofNullable(string(field, node, parse));
    }

    /**
     * An optional field of any JSON type, turned into a value by {@code parse}, which rejects what it
     * cannot take by throwing a domain exception (its detail lands on this field's pointer).
     * {@code null} is never accepted.
     */
    public <T> Optional<T> optionalValue(String field, Function<JsonNode, T> parse) {
        JsonNode node = object.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNull()) {
            error(field, "must not be null");
            return Optional.empty();
        }
        return Optional.ofNullable(parse(node, parse, pointer(field), errors));
    }

    /** A field that is present and may be {@code null} (empty result), e.g. to clear an optional value. */
    public <T> Optional<T> nullableValue(String field, Function<JsonNode, T> parse) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.ofNullable(parse(node, parse, pointer(field), errors));
    }

    /** An optional list of strings; with {@code unique}, a repeated entry is an error at its position. */
    public <T> Optional<List<T>> optionalStringList(String field, Function<String, T> parse, boolean unique) {
        JsonNode node = object.get(field);
        if (node == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(stringList(node, pointer(field), parse, unique, errors));
    }

    /** Throws a {@link BadRequest} naming every field at fault, if there was any. */
    public void finish() {
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1
                    ? BadRequest.describe(errors.get(0).pointer(), errors.get(0).detail())
                    : errors.size() + " fields are invalid";
            throw new BadRequest("invalid-body", detail, errors);
        }
    }

    /**
     * Reads {@code node} as a list of strings, each turned into a domain value; problems are added to
     * {@code errors} with the pointer of the entry. Returns {@code null} if the node is not a list.
     */
    public static <T> List<T> stringList(JsonNode node, String pointer, Function<String, T> parse, boolean unique,
                                         List<Problem.FieldError> errors) {
        if (!node.isArray()) {
            errors.add(Problem.FieldError.pointer(pointer, "must be a list of strings, not " + JsonTypes.describe(node)));
            return null;
        }
        List<T> values = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            String at = pointer + "/" + i;
            if (!entry.isString()) {
                errors.add(Problem.FieldError.pointer(at, "must be a string, not " + JsonTypes.describe(entry)));
                continue;
            }
            Integer first = seen.putIfAbsent(entry.getStringValue(), i);
            if (unique && first != null) {
                errors.add(Problem.FieldError.pointer(at, "repeats the entry at position " + first));
                continue;
            }
            T value = parse(entry.getStringValue(), parse, at, errors);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private <T> T string(String field, JsonNode node, Function<String, T> parse) {
        if (!node.isString()) {
            error(field, "must be a string, not " + JsonTypes.describe(node));
            return null;
        }
        return parse(node.getStringValue(), parse, pointer(field), errors);
    }

    private static <R, T> T parse(R raw, Function<R, T> parse, String at, List<Problem.FieldError> errors) {
        try {
            return parse.apply(raw);
        } catch (DomainException e) {
            e.violations().forEach(v -> errors.add(Problem.FieldError.pointer(at, v.detail())));
            if (e.violations().isEmpty()) {
                errors.add(Problem.FieldError.pointer(at, e.getMessage()));
            }
            return null;
        }
    }

    private void error(String field, String detail) {
        errors.add(Problem.FieldError.pointer(pointer(field), detail));
    }

    private String pointer(String field) {
        return pointer + "/" + field.replace("~", "~0").replace("/", "~1");
    }
}

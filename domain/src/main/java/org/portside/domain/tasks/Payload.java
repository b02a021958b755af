package org.portside.domain.tasks;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;
import org.portside.domain.shared.Require;

/**
 * A task's payload: a JSON object. The domain reasons about its first-level keys only (patches
 * replace whole first-level values); each value is kept as the JSON text an adapter produced, so
 * the domain needs no JSON library. Its JSON form may not exceed {@value #MAX_BYTES} bytes.
 */
public final class Payload {

    public static final int MAX_BYTES = 256 * 1024;
    public static final Payload EMPTY = new Payload(new TreeMap<>());

    private final SortedMap<String, String> values;

    private Payload(SortedMap<String, String> values) {
        this.values = Collections.unmodifiableSortedMap(values);
        int size = json().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES) {
            throw Invalid.field("payload", "must not exceed " + MAX_BYTES + " bytes as JSON (it would be " + size + ")");
        }
    }

    /** @param values first-level keys to the JSON text of their values (valid JSON, as produced by an adapter) */
    public static Payload of(Map<String, String> values) {
        Require.nonNull(values, "values");
        values.forEach((k, v) -> {
            Require.nonNull(k, "key");
            Require.nonBlank(v, "JSON value of " + k);
        });
        return new Payload(new TreeMap<>(values));
    }

    public Map<String, String> values() {
        return values;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Each first-level key of {@code patch} added or replaced; the others kept. */
    public Payload merge(Payload patch) {
        SortedMap<String, String> merged = new TreeMap<>(values);
        merged.putAll(patch.values);
        return new Payload(merged);
    }

    /** @throws NotFound if there is no such key */
    public Payload without(String key) {
        if (!values.containsKey(key)) {
            throw new NotFound("payload-key-not-found", "the payload has no key '" + key + "'");
        }
        SortedMap<String, String> rest = new TreeMap<>(values);
        rest.remove(key);
        return new Payload(rest);
    }

    /** The payload as one JSON object. */
    public String json() {
        StringBuilder json = new StringBuilder("{");
        values.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(key, json).append(':').append(value);
        });
        return json.append('}').toString();
    }

    private static StringBuilder quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payload p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return json();
    }
}

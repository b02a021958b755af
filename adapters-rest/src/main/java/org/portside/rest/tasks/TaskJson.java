package org.portside.rest.tasks;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.portside.domain.shared.Invalid;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskStatus;

/** Task values to and from JSON: instants, statuses, payloads, responses. */
@Singleton
final class TaskJson {

    static final String INSTANT_FORM = "an ISO-8601 date-time with an offset or Z, e.g. 2026-12-01T10:00:00Z or 2026-12-01T11:00+01:00";

    private final JsonMapper mapper;

    TaskJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The instants a task can hold: years 1 to 9999, as in ISO-8601's plain form. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Seconds may be omitted, fractions are dropped; an offset (or Z) is required. */
    static Instant instant(String raw, String field) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw Invalid.field(field, "must be " + INSTANT_FORM + ", not \"" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "\"");
        }
        return requireInRange(instant, field);
    }

    static Instant requireInRange(Instant instant, String field) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw Invalid.field(field, "must lie between the years 1 and 9999");
        }
        return instant;
    }

    static Instant instant(JsonNode node, String field) {
        if (!node.isString()) {
            throw Invalid.field(field, "must be a string: " + INSTANT_FORM);
        }
        return instant(node.getStringValue(), field);
    }

    static TaskStatus status(String raw, String field) {
        for (TaskStatus s : TaskStatus.values()) {
            if (s.name().equals(raw)) {
                return s;
            }
        }
        throw Invalid.field(field, "must be one of SCHEDULED, RUNNING, SUCCEEDED, FAILED (exact case)");
    }

    /** A JSON object as a payload: each first-level value kept as its JSON text. */
    Payload payload(JsonNode node, String field) {
        if (!node.isObject()) {
            throw Invalid.field(field, "must be a JSON object");
        }
        requireNoNul(node, field);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            values.put(entry.getKey(), text(entry.getValue()));
        }
        return Payload.of(values);
    }

    /** PostgreSQL's jsonb cannot hold U+0000 in any string, key or value, at any depth. */
    private static void requireNoNul(JsonNode node, String field) {
        if (node.isString() && node.getStringValue().indexOf('\u0000') >= 0) {
            throw Invalid.field(field, "must not contain the NUL character (U+0000) in any string");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                if (entry.getKey().indexOf('\u0000') >= 0) {
                    throw Invalid.field(field, "must not contain the NUL character (U+0000) in any key");
                }
                requireNoNul(entry.getValue(), field);
            }
        } else if (node.isArray()) {
            for (JsonNode value : node.values()) {
                requireNoNul(value, field);
            }
        }
    }

    TaskResponse response(Task task) {
        Map<String, Object> payload = new LinkedHashMap<>();
        task.payload().values().forEach((key, json) -> payload.put(key, value(json)));
        return new TaskResponse(task.id().value(), task.start().toString(), task.title().map(t -> t.value()).orElse(null),
                task.worker().value(), task.status().name(), payload);
    }

    private String text(JsonNode node) {
        try {
            return new String(mapper.writeValueAsBytes(node), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object value(String json) {
        try {
            return mapper.readValue(json, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException("stored payload value is not JSON", e);
        }
    }
}

package org.portside.rest.tasks;

import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import org.portside.domain.shared.Invalid;
import org.portside.domain.tasks.Failure;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskStatus;
import org.portside.rest.shared.Details;

/** Task values between their JSON and domain forms: instants, statuses, payloads, responses. */
@Singleton
final class TaskJson {

    /** A start in examples: far enough ahead that "Try it out" keeps working for decades. */
    static final String EXAMPLE_START = "2099-01-01T09:00:00Z";

    /** A lease token as the claim writes it. */
    static final String LEASE_PATTERN = "^[0-9a-f]{32}$";
    static final String EXAMPLE_LEASE = "6f1c0a3e9b2d4f5a8c7e1d0b3a2f4e6c";
    /** The default lease, as the document states it: the operator may configure another. */
    static final String LEASE_DEFAULT = "the server's portside.tasks.lease-seconds (PORTSIDE_TASKS_LEASE_SECONDS), 60 unless configured";

    static final String INSTANT_FORM = "an RFC 3339 date-time with an offset or Z, e.g. " + EXAMPLE_START + " or 2099-01-01T10:00:00+01:00";

    /** RFC 3339's date-time, exactly: seconds required, fraction optional, offset or Z required. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(java.time.chrono.IsoChronology.INSTANCE);

    /** The instants a task can hold: years 1 to 9999, as in ISO-8601's plain form. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final JsonMapper mapper;

    TaskJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** An RFC 3339 date-time, to the second (a fraction is dropped). */
    static Instant instant(String raw, String field) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(raw, RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            throw Invalid.field(field, "must be " + INSTANT_FORM + ", not \"" + Details.clip(raw) + "\"");
        }
        return requireInRange(instant, field);
    }

    static Instant requireInRange(Instant instant, String field) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw Invalid.field(field, "must lie between the years 1 and 9999");
        }
        return instant;
    }

    static TaskStatus status(String raw, String field) {
        for (TaskStatus s : TaskStatus.values()) {
            if (s.name().equals(raw)) {
                return s;
            }
        }
        throw Invalid.field(field, "must be one of SCHEDULED, RUNNING, SUCCEEDED, FAILED (exact case)");
    }

    /** A JSON object (already validated as one) as a payload: each first-level value kept as its JSON text. */
    static Payload payload(JsonNode object, String field) {
        requireNoNul(object, field);
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().toString()));
        return Payload.of(values);
    }

    /** PostgreSQL's jsonb cannot hold U+0000 in any string, key or value, at any depth. */
    private static void requireNoNul(JsonNode node, String field) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            throw Invalid.field(field, "must not contain the NUL character (U+0000) in any string");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getKey().indexOf('\u0000') >= 0) {
                    throw Invalid.field(field, "must not contain the NUL character (U+0000) in any key");
                }
                requireNoNul(entry.getValue(), field);
            }
        } else if (node.isArray()) {
            for (JsonNode value : node) {
                requireNoNul(value, field);
            }
        }
    }

    TaskResponse response(Task task) {
        Map<String, Object> payload = new LinkedHashMap<>();
        task.payload().values().forEach((key, json) -> payload.put(key, value(json)));
        return new TaskResponse(task.id().value(), task.start().toString(), task.title().map(t -> t.value()).orElse(null),
                task.worker().value(), task.status().name(), payload, task.retries().maxAttempts(), task.retries().backoffSeconds(),
                task.attempt(),
                task.lease().map(l -> new LeaseResponse(l.token().value(), l.expires().toString())).orElse(null),
                task.lastError().map(Failure::value).orElse(null));
    }

    private Object value(String json) {
        try {
            return mapper.readValue(json, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException("stored payload value is not JSON", e);
        }
    }
}

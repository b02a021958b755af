package org.portside.rest.shared;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns a raw request body into a JSON tree, whatever {@code Content-Type} the client sent (or none).
 * Anything that is not exactly one JSON value becomes a {@link BadRequest} that says why, without
 * echoing parser internals.
 */
@Singleton
public final class JsonBody {

    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonMapper mapper;

    JsonBody(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** @param body the raw body; {@code null} or blank means "no body" */
    public JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequest("missing-body", "a JSON body is required", java.util.List.of());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        requireExactlyOneValue(bytes);
        JsonNode node;
        try {
            node = mapper.readValue(bytes, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw new BadRequest("malformed-json", "the body is not valid JSON: " + firstLine(e.getMessage()), java.util.List.of());
        }
        if (node == null) {
            throw new BadRequest("malformed-json", "the body is not valid JSON", java.util.List.of());
        }
        return node;
    }

    /**
     * The tree reader is lenient where a client deserves a clear 400: it stops after the first value
     * ({@code {…} trailing}) and keeps the last of two equal keys. One strict streaming pass first.
     */
    private static void requireExactlyOneValue(byte[] bytes) {
        try (JsonParser parser = STRICT.createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw new BadRequest("missing-body", "a JSON body is required", java.util.List.of());
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new BadRequest("malformed-json", "the body must hold exactly one JSON value; more follows it", java.util.List.of());
            }
        } catch (JsonProcessingException e) {
            throw new BadRequest("malformed-json", "the body is not valid JSON: " + firstLine(e.getOriginalMessage()), java.util.List.of());
        } catch (IOException e) {
            throw new BadRequest("malformed-json", "the body is not valid JSON", java.util.List.of());
        }
    }

    /** Like {@link #parse} but also requires a JSON object. */
    public JsonObjectReader object(String body, java.util.Collection<String> knownFields) {
        return JsonObjectReader.of(parse(body), knownFields);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        // Jackson appends the source position in a second line or after " at [Source"; keep the reason only
        int source = line.indexOf(" at [Source");
        return source > 0 ? line.substring(0, source) : line;
    }
}

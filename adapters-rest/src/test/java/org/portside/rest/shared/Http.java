package org.portside.rest.shared;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A raw HTTP client for tests: sends exactly the bytes and headers given (or none), so tests can
 * probe missing Content-Type, malformed JSON and oversized bodies, and never throws on 4xx/5xx.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final DocumentCheck document;

    public Http(URI base) {
        this(base, null);
    }

    private Http(URI base, DocumentCheck document) {
        this.base = base;
        this.document = document;
    }

    /**
     * A client that holds every exchange against the server's own {@code /openapi.yml}: an answer
     * the document does not describe, or a success for a request it calls invalid, fails the test.
     */
    public Http checkedAgainstDocument() {
        Response spec = get("/openapi.yml");
        if (spec.status() != 200) {
            throw new AssertionError("no /openapi.yml: " + spec);
        }
        return new Http(base, DocumentCheck.of(base, spec.body()));
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** POST with {@code Content-Type: application/json}. */
    public Response post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Response put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    /** @param contentType {@code null} sends no Content-Type header at all */
    public Response send(String method, String path, String body, String contentType) {
        return sendWithHeaders(method, path, body, contentType == null ? Map.of() : Map.of("Content-Type", contentType));
    }

    public Response sendWithHeaders(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> sent = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response response = new Response(sent.statusCode(), sent.headers().map(), sent.body());
            if (document != null) {
                document.check(method, path, headers, body, response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        public Map<String, Object> object() {
            return read(Argument.mapOf(String.class, Object.class));
        }

        public List<Object> list() {
            return read(Argument.listOf(Object.class));
        }

        /** The {@code errors[].pointer} (or {@code parameter}) values of a problem response. */
        @SuppressWarnings("unchecked")
        public List<String> errorLocations() {
            Object errors = object().get("errors");
            if (errors == null) {
                return List.of();
            }
            return ((List<Map<String, Object>>) errors).stream()
                    .map(e -> String.valueOf(e.containsKey("pointer") ? e.get("pointer") : e.get("parameter")))
                    .toList();
        }

        private <T> T read(Argument<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}

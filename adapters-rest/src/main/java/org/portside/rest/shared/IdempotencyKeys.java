package org.portside.rest.shared;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.portside.application.shared.port.in.IdempotentRequests;

/**
 * The {@code Idempotency-Key} request header (IETF httpapi draft) on the creating POSTs: a request
 * sent again with its key gets the first answer again (status, body, Location, ETag), marked
 * {@code Idempotent-Replayed: true}, and the work is not done twice. Keys are scoped per route and,
 * with authentication on, per token subject; the body's SHA-256 tells a repeat from a reuse.
 */
@Singleton
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 255;
    public static final String DESCRIPTION = "makes the request safe to send again: the same key with the same body, within the "
            + "retention (24 h), answers as the first did (marked Idempotent-Replayed: true) without doing it again; 1 to "
            + MAX_LENGTH + " visible ASCII characters (a quoted structured-field string also works)";
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG);

    private final IdempotentRequests requests;
    private final JsonMapper json;

    IdempotencyKeys(IdempotentRequests requests, JsonMapper json) {
        this.requests = requests;
        this.json = json;
    }

    /**
     * Answers {@code work}'s response once per key: without a key it is simply {@code work}'s. Must
     * run where blocking is allowed (the database work pool): the key lives in the database.
     */
    public HttpResponse<?> once(HttpRequest<?> request, String route, String rawKey, String body, Supplier<HttpResponse<?>> work) {
        if (rawKey == null) {
            return work.get();
        }
        String key = key(rawKey);
        String subject = request.getUserPrincipal().map(Principal::getName).orElse("");
        IdempotentRequests.Request keyed = new IdempotentRequests.Request(route + " " + subject, key, sha256(body == null ? "" : body));
        return requests.once(keyed, work, this::remember, IdempotencyKeys::replay);
    }

    /** The key as sent; a structured-field string's quotes are not part of it. */
    public static String key(String raw) {
        String key = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            String detail = "must be 1 to " + MAX_LENGTH + " visible ASCII characters";
            throw new BadRequest("invalid-header", HEADER + " " + detail, List.of(Problem.FieldError.parameter(HEADER, detail)));
        }
        return key;
    }

    private Optional<IdempotentRequests.Answer> remember(HttpResponse<?> response) {
        if (response.code() < 200 || response.code() >= 300) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            response.getHeaders().getFirst(name).ifPresent(value -> headers.put(name, value));
        }
        String text;
        try {
            text = response.getBody().isPresent() ? new String(json.writeValueAsBytes(response.getBody().get()), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new IdempotentRequests.Answer(response.code(), text, headers));
    }

    private static HttpResponse<?> replay(IdempotentRequests.Answer answer) {
        MutableHttpResponse<String> replayed = HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(answer.status()))
                .header(REPLAYED, "true");
        answer.headers().forEach(replayed::header);
        return answer.body().isEmpty() ? replayed : replayed.contentType(MediaType.APPLICATION_JSON_TYPE).body(answer.body());
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

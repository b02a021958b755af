package org.portside.rest.shared;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Holds every interaction of a contract suite against the OpenAPI document the server itself
 * serves at {@code /openapi.yml}: each answer must be one the document describes (status, media
 * type, body schema, headers), and a request the document calls invalid must be refused with a 4xx.
 */
final class DocumentCheck {

    private static final Map<URI, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private final OpenApiInteractionValidator validator;

    private DocumentCheck(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    static DocumentCheck of(URI base, String document) {
        return new DocumentCheck(VALIDATORS.computeIfAbsent(base, b -> OpenApiInteractionValidator
                .createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        // documented leniency: a JSON body is read whatever Content-Type it comes with
                        .withLevel("validation.request.contentType.notAllowed", ValidationReport.Level.IGNORE)
                        // the contract suites run without a key, where no token is asked for (protected mode);
                        // SecurityApiTest holds the bearer requirements with a key configured
                        .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE)
                        .build())
                .build()));
    }

    /** @throws AssertionError if the answer is not one the document describes for this request */
    void check(String method, String pathAndQuery, Map<String, String> headers, String body, Http.Response response) {
        // the document says every task route is also served at the singular /api/task
        URI uri = URI.create(pathAndQuery.replaceFirst("^/api/task(?=/|\\?|$)", "/api/tasks"));
        Request.Method verb = Request.Method.valueOf(method);
        SimpleRequest.Builder request = new SimpleRequest.Builder(verb, uri.getRawPath());
        headers.forEach(request::withHeader);
        if (body != null) {
            request.withBody(body);
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        ValidationReport requestReport = validator.validateRequest(request.build());
        if (requestReport.hasErrors() && (response.status() < 400 || response.status() >= 500)) {
            throw new AssertionError(method + " " + pathAndQuery + " is invalid by /openapi.yml (" + describe(requestReport)
                    + ") but was answered " + response);
        }
        if (requestReport.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"))) {
            return; // no operation in the document to hold the answer against (an unknown route: 404, a wrong method: 405)
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        response.headers().forEach((name, values) -> {
            if (name != null && !values.isEmpty()) {
                answer.withHeader(name, values);
            }
        });
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport responseReport = validator.validateResponse(uri.getRawPath(), verb, answer.build());
        if (responseReport.hasErrors()) {
            throw new AssertionError("the answer to " + method + " " + pathAndQuery + " is not what /openapi.yml describes: "
                    + describe(responseReport) + "\n  answer: " + response);
        }
    }

    private static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .collect(Collectors.joining("; "));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

}

package org.portside.rest.shared;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the errors Micronaut itself produces (no route 404, 405, 413, 415, conversion errors, and
 * any unexpected exception) as problem+json. A 5xx never carries the exception's message: that is
 * in the server log, not in the response.
 */
@Primary
@Singleton
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        Problem problem;
        if (status.getCode() >= 500) {
            problem = Problems.of(status, null, "The server could not handle the request; the failure is in its log.", List.of());
        } else {
            problem = Problems.of(status, null, detail(context, status), fieldErrors(context));
        }
        return Problems.respond(response, problem);
    }

    private static String detail(ErrorContext context, HttpStatus status) {
        String messages = context.getErrors().stream().map(Error::getMessage).distinct().collect(Collectors.joining("; "));
        return messages.isBlank() ? status.getReason() : messages;
    }

    private static List<Problem.FieldError> fieldErrors(ErrorContext context) {
        return context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> Problem.FieldError.parameter(e.getPath().get(), e.getMessage()))
                .toList();
    }
}

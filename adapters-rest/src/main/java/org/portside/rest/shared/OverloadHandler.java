package org.portside.rest.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The database work queue is full: 503 with Retry-After, instead of piling up requests until memory runs out. */
@Produces
@Singleton
final class OverloadHandler implements ExceptionHandler<RejectedExecutionException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(OverloadHandler.class);

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares a raw HttpRequest
    public HttpResponse<Problem> handle(HttpRequest request, RejectedExecutionException exception) {
        LOG.warn("Refused {} {}: the database work queue is full", request.getMethod(), request.getPath());
        Problem problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                "The service is overloaded; retry shortly.", List.of());
        return Problems.respond(HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1"), problem);
    }
}

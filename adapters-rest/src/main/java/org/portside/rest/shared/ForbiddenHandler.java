package org.portside.rest.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 403 as problem+json for a caller acting beyond what its token names; logged like every refusal. */
@Produces
@Singleton
final class ForbiddenHandler implements ExceptionHandler<Forbidden, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger("portside.auth");

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares a raw HttpRequest
    public HttpResponse<Problem> handle(HttpRequest request, Forbidden exception) {
        LOG.info("403 {} {}: {}", request.getMethodName(), request.getPath(), exception.getMessage());
        return Problems.respond(HttpResponse.status(HttpStatus.FORBIDDEN),
                Problems.of(HttpStatus.FORBIDDEN, exception.code(), exception.getMessage(), List.of()));
    }
}

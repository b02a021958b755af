package org.portside.rest.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The adapter could not read the request: 400 naming every field at fault. */
@Produces
@Singleton
final class BadRequestHandler implements ExceptionHandler<BadRequest, HttpResponse<Problem>> {

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares a raw HttpRequest
    public HttpResponse<Problem> handle(HttpRequest request, BadRequest exception) {
        Problem problem = Problems.of(HttpStatus.BAD_REQUEST, exception.code(), exception.getMessage(), exception.errors());
        return Problems.respond(HttpResponse.badRequest(), problem);
    }
}

package org.portside.rest.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.swagger.v3.oas.annotations.Hidden;
import org.portside.domain.shared.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers to requests that were refused: a use case's refusal (404, 409, 412, 400 or 422, with
 * the domain's code and fields) and a request the adapter could not read (400 naming every field at
 * fault), as problem+json.
 *
 * <p>Global error routes, not {@code ExceptionHandler} beans: for a failed request Micronaut 4.10
 * first asks the router for an error route (a short list it keeps), and only when there is none
 * searches the bean context for the closest {@code ExceptionHandler}, anew for every failed request.
 * That search was about a third of the CPU of a refused {@code POST /users} (409), so a burst of
 * refusals cost several times the successes it stood in for.
 */
@Controller
@Hidden
final class Refusals {

    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    @Error(global = true, exception = DomainException.class)
    HttpResponse<Problem> refused(HttpRequest<?> request, DomainException exception) {
        MutableHttpResponse<Problem> refusal = Problems.refusal(exception);
        LOG.debug("{} {} refused: {} {}", request.getMethod(), request.getPath(), refusal.code(), exception.code());
        return refusal;
    }

    @Error(global = true, exception = BadRequest.class)
    HttpResponse<Problem> unreadable(BadRequest exception) {
        Problem problem = Problems.of(HttpStatus.BAD_REQUEST, exception.code(), exception.getMessage(), exception.errors());
        return Problems.respond(HttpResponse.badRequest(), problem);
    }
}

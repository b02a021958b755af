package org.portside.rest.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.server.exceptions.HttpStatusHandler;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.NotAllowedExceptionHandler;
import io.micronaut.http.server.exceptions.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Requests that match no route: 404 for a path nobody serves, 405 for a method the path does not
 * take. Answered exactly as the framework's own handlers answer them (they are called here, so the
 * problem+json and the {@code Allow} header stay theirs), but through global error routes: otherwise
 * the framework searches the bean context for those handlers anew for every such request (about
 * 60 % of the CPU of an unknown path's 404, which is most of what a scanner sends). See {@link Refusals}.
 */
@Controller
@Hidden
final class UnmatchedRequests {

    private final HttpStatusHandler statuses;
    private final NotAllowedExceptionHandler methods;

    UnmatchedRequests(HttpStatusHandler statuses, NotAllowedExceptionHandler methods) {
        this.statuses = statuses;
        this.methods = methods;
    }

    @Error(global = true, exception = NotFoundException.class)
    HttpResponse<?> noSuchPath(HttpRequest<?> request, NotFoundException exception) {
        return statuses.handle(request, exception);
    }

    @Error(global = true, exception = NotAllowedException.class)
    HttpResponse<?> noSuchMethod(HttpRequest<?> request, NotAllowedException exception) {
        return methods.handle(request, exception);
    }
}

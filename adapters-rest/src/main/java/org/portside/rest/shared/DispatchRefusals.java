package org.portside.rest.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.scheduling.executor.ThreadSelection;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.RouteAttributes;
import org.reactivestreams.Publisher;

/**
 * Lets a refused dispatch reach the error routes: a route that runs on an executor
 * ({@code @ExecuteOn(WorkPools.DATABASE)}) is handed to it while the request is dispatched, and
 * when the executor's queue is full it throws {@code RejectedExecutionException} right there. In
 * Micronaut 4.10 a throw at that point passes through method filters ({@code @ServerFilter}) and
 * {@code RequestLifecycle.runServerFilters} answers it with a bare 500, never asking the error
 * routes; a legacy filter's chain turns the same throw into an error that {@link Unavailability}
 * answers 503 with Retry-After (OverloadTest).
 *
 * <p>Enabled only for requests whose route runs on an executor, decided as the framework decides
 * it ({@code RouteInfo.getExecutor} with the server's thread selection): every other request, a
 * cached GUID read above all, never enters the Reactor pipeline a legacy filter costs. Those
 * routes block on the database anyway, where that pipeline is a small share.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class DispatchRefusals implements HttpServerFilter, ConditionalFilter {

    private final ThreadSelection threadSelection;

    DispatchRefusals(HttpServerConfiguration server) {
        this.threadSelection = server.getThreadSelection();
    }

    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        return route != null && route.getRouteInfo().getExecutor(threadSelection) != null;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return chain.proceed(request);
    }
}

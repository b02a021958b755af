package org.portside.rest.shared;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.filters.SecurityFilter;
import org.reactivestreams.Publisher;

/**
 * With no key to check tokens with (protected mode, or {@code PORTSIDE_AUTH_MODE=none}) there is
 * nobody to authenticate and nothing to refuse: {@link ScopeRule} admits every request. The
 * framework's security filter would still resolve tokens and run every rule, reactively, for each
 * request, which cost a third of a cached GUID read's throughput; this filter takes its place and
 * lets the request through. It exists only while both key properties are absent, so a key
 * configured anywhere (environment, system property, a configuration file) brings the real filter
 * back: the safe way round.
 *
 * <p>It runs for every request (a no-op reactive filter) rather than matching no path, which would
 * save about 2 µs of a cached GUID read: in Micronaut 4.10, when the route's executor refuses the
 * work (a full work queue's RejectedExecutionException, thrown while the route is dispatched),
 * {@code RequestLifecycle.runServerFilters} catches it and returns a bare error flow that never
 * reaches the exception handlers, so with no filter around the route the answer is a 500 instead of
 * {@link Unavailability}'s 503 (OverloadTest). A legacy filter's chain hands the same error to the
 * handlers. It must be a {@code @Filter} in any case: the framework finds the security filter among
 * the {@code @Filter} beans, and only one of those can replace it.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Replaces(SecurityFilter.class)
@Requires(missingProperty = "portside.auth.jwt-secret")
@Requires(missingProperty = "portside.auth.jwks-url")
final class WithoutKey implements HttpServerFilter {

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return chain.proceed(request);
    }
}

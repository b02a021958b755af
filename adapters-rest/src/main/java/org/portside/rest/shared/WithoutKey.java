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
 * <p>It takes the place without taking the time: its pattern matches no path anyone can ask for,
 * so no request runs through it (a filter that ran would wrap every request in a reactive chain,
 * about a tenth of a cached GUID read). It must still be a {@code @Filter}: the framework finds the
 * security filter among the {@code @Filter} beans, and only one of those can replace it.
 */
@Filter(WithoutKey.NO_PATH)
@Replaces(SecurityFilter.class)
@Requires(missingProperty = "portside.auth.jwt-secret")
@Requires(missingProperty = "portside.auth.jwks-url")
final class WithoutKey implements HttpServerFilter {

    /** Not a path: a request target starts with '/', so this pattern matches no request. */
    static final String NO_PATH = "portside:no-security-filter";

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return chain.proceed(request);
    }
}

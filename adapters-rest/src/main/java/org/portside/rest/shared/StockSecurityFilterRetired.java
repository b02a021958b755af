package org.portside.rest.shared;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.filters.SecurityFilter;
import org.reactivestreams.Publisher;

/**
 * Takes the framework's security filter bean out: {@link PromptSecurityFilter} decides instead. A
 * bean is replaced only by one of its own kind (Micronaut weighs {@code @Replaces} among the
 * candidates of one lookup, and the stock filter is found among the legacy {@code @Filter} beans),
 * so the replacement is a legacy filter too, one that is never enabled for any request. Rather this
 * than {@code micronaut.security.filter.enabled: false}, which every configuration that starts the
 * REST adapter (the application's and each test's) would have to repeat.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Replaces(SecurityFilter.class)
final class StockSecurityFilterRetired implements HttpServerFilter, ConditionalFilter {

    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        return false;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return chain.proceed(request);
    }
}

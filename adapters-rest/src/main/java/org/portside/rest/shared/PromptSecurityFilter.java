package org.portside.rest.shared;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import java.util.Collection;
import org.reactivestreams.Publisher;

/**
 * The framework's security filter, deciding without a reactive pipeline when it can. The same
 * fetchers and rules, asked in the same order, with the same outcome (the first authentication a
 * fetcher gives; the first rule that allows or rejects; a rejection is the framework's
 * {@link AuthorizationException}, answered 401 or 403 by its handlers): only how the answers are
 * collected differs. The stock filter chains them through Reactor operators for every request,
 * which cost about 25 µs of a 47 µs authenticated cached GUID read on a 2-core machine, more than
 * everything else the read does. Here each fetcher's and rule's publisher is subscribed directly; a
 * token already validated ({@link ValidatedTokens}) and every portside rule answer at once, and then
 * the request goes on (or is refused) without a single operator. When any of them does not answer
 * at once (a token seen for the first time, validated against a JWKS document fetched over the
 * network), the request is handed to the stock filter's pipeline from the start, so asynchronous
 * answers are handled exactly as the library handles them (what was asked so far is asked again:
 * fetchers and rules are cold publishers, and the one seen pending is cancelled first).
 */
@Filter("${micronaut.security.filter.pattern:" + Filter.MATCH_ALL_PATTERN + "}")
@Replaces(SecurityFilter.class)
final class PromptSecurityFilter extends SecurityFilter {

    PromptSecurityFilter(Collection<SecurityRule<HttpRequest<?>>> securityRules,
                         Collection<AuthenticationFetcher<HttpRequest<?>>> authenticationFetchers,
                         SecurityConfiguration securityConfiguration) {
        super(securityRules, authenticationFetchers, securityConfiguration);
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Authentication authentication = null;
        for (AuthenticationFetcher<HttpRequest<?>> fetcher : authenticationFetchers) {
            AtOnce<Authentication> fetched = AtOnce.of(fetcher.fetchAuthentication(request));
            if (!fetched.answered()) {
                return super.doFilter(request, chain);
            }
            if (fetched.value() != null) {
                authentication = fetched.value();
                break;
            }
        }
        request.getAttributes().put(KEY, true);
        request.setAttribute(AUTHENTICATION, authentication);
        SecurityRuleResult decided = SecurityRuleResult.UNKNOWN;
        for (SecurityRule<HttpRequest<?>> rule : securityRules) {
            AtOnce<SecurityRuleResult> checked = AtOnce.of(rule.check(request, authentication));
            if (!checked.answered()) {
                return super.doFilter(request, chain);
            }
            if (checked.value() != null && checked.value() != SecurityRuleResult.UNKNOWN) {
                decided = checked.value();
                break;
            }
        }
        boolean refused = decided == SecurityRuleResult.REJECTED
                || decided == SecurityRuleResult.UNKNOWN && (securityConfiguration.isRejectNotFound()
                        || request.getAttribute(HttpAttributes.ROUTE_MATCH).isPresent());
        if (refused) {
            request.setAttribute(REJECTION, authentication != null ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED);
            return Publishers.just((Throwable) new AuthorizationException(authentication));
        }
        return chain.proceed(request);
    }
}

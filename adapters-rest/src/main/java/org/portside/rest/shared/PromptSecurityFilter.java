package org.portside.rest.shared;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import java.util.Collection;
import java.util.concurrent.CompletionStage;
import reactor.core.publisher.Mono;

/**
 * The framework's security filter, as a method filter that decides without a reactive pipeline
 * when it can. The same fetchers and rules, asked in the same order, with the same outcome (the
 * first authentication a fetcher gives; the first rule that allows or rejects; a rejection is the
 * framework's {@link AuthorizationException}, answered 401 or 403 by {@link AuthorizationProblems}):
 * only how the answers are collected differs.
 *
 * <p>The stock filter is a legacy {@code HttpServerFilter}: every request runs through Reactor
 * operators twice, once inside the filter and once where Micronaut adapts a legacy filter's
 * publisher to its own execution flow. Here each fetcher's and rule's publisher is subscribed
 * directly; a token already validated ({@link ValidatedTokens}) and every portside rule answer at
 * once, and the request goes on (or is refused) without a single operator: an authenticated cached
 * GUID read cost 10-25 % less CPU than with this filter as a legacy one (2 cores, old and new jar
 * side by side, 6 alternating rounds). When any of them does not answer at once (a token seen for
 * the first time, validated against a JWKS document fetched over the network), the request is
 * handed to the stock filter's own pipeline
 * from the start, so asynchronous answers are handled exactly as the library handles them (what was
 * asked so far is asked again: fetchers and rules are cold publishers, and the one seen pending is
 * cancelled first).
 *
 * <p>Only while tokens are required (a key is configured): without one there is nobody to
 * authenticate and nothing to refuse ({@link ScopeRule} admits every request), and the filter is
 * skipped for every request. The stock filter bean itself is retired by {@link StockSecurityFilterRetired}.
 */
@ServerFilter("${micronaut.security.filter.pattern:" + ServerFilter.MATCH_ALL_PATTERN + "}")
final class PromptSecurityFilter implements Ordered, ConditionalFilter {

    /** What the stock pipeline's chain answers when it lets a request through: identity-compared, never sent. */
    private static final MutableHttpResponse<?> ADMITTED = HttpResponse.ok();

    private final Collection<SecurityRule<HttpRequest<?>>> securityRules;
    private final Collection<AuthenticationFetcher<HttpRequest<?>>> authenticationFetchers;
    private final SecurityConfiguration securityConfiguration;
    private final SecurityFilter stock;
    private final boolean tokensRequired;

    PromptSecurityFilter(Collection<SecurityRule<HttpRequest<?>>> securityRules,
                         Collection<AuthenticationFetcher<HttpRequest<?>>> authenticationFetchers,
                         SecurityConfiguration securityConfiguration, AuthSettings auth) {
        this.securityRules = securityRules;
        this.authenticationFetchers = authenticationFetchers;
        this.securityConfiguration = securityConfiguration;
        this.stock = new SecurityFilter(securityRules, authenticationFetchers, securityConfiguration);
        this.tokensRequired = auth.tokensRequired();
    }

    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        return tokensRequired;
    }

    /** Where the stock filter runs among the others. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    /**
     * Nothing (go on) when the request is admitted at once; an {@link AuthorizationException} when it
     * is refused at once; otherwise the stock pipeline's decision, later.
     */
    @RequestFilter
    @Nullable
    CompletionStage<@Nullable HttpResponse<?>> decide(HttpRequest<?> request) {
        Authentication authentication = null;
        for (AuthenticationFetcher<HttpRequest<?>> fetcher : authenticationFetchers) {
            AtOnce<Authentication> fetched = AtOnce.of(fetcher.fetchAuthentication(request));
            if (!fetched.answered()) {
                return stockDecision(request);
            }
            if (fetched.value() != null) {
                authentication = fetched.value();
                break;
            }
        }
        request.getAttributes().put(SecurityFilter.KEY, true);
        request.setAttribute(SecurityFilter.AUTHENTICATION, authentication);
        SecurityRuleResult decided = SecurityRuleResult.UNKNOWN;
        for (SecurityRule<HttpRequest<?>> rule : securityRules) {
            AtOnce<SecurityRuleResult> checked = AtOnce.of(rule.check(request, authentication));
            if (!checked.answered()) {
                return stockDecision(request);
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
            request.setAttribute(SecurityFilter.REJECTION, authentication != null ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED);
            throw new AuthorizationException(authentication);
        }
        return null;
    }

    /** The stock filter's pipeline, asked from the start; its chain only says "admitted". */
    private CompletionStage<@Nullable HttpResponse<?>> stockDecision(HttpRequest<?> request) {
        return Mono.<HttpResponse<?>>from(stock.doFilter(request, admitted -> Mono.just(ADMITTED)))
                .toFuture()
                .thenApply(answer -> answer == ADMITTED ? null : answer);
    }
}

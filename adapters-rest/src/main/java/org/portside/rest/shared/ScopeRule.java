package org.portside.rest.shared;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;

/**
 * Who may call what. The scopes an operation needs are the ones it publishes in the OpenAPI
 * document (read from the document itself, so the two cannot disagree); any one of them admits
 * the caller. Outside the document only the document, Swagger UI and the liveness and readiness
 * probes are open; the other management endpoints need {@value Scopes#ADMIN}; anything else is
 * refused. With no key configured, no token is asked for at all (protected mode).
 */
@Singleton
final class ScopeRule implements SecurityRule<HttpRequest<?>> {

    /** Request attribute: the scopes the refused operation needs, for the 403's WWW-Authenticate. */
    static final String NEEDED = "portside.scopes.needed";

    private static final Set<String> PUBLIC = Set.of("/openapi.yml", "/swagger-ui");
    /** The probes an orchestrator calls without credentials (status only). */
    private static final Set<String> PROBES = Set.of("/health/liveness", "/health/readiness");

    private final AuthSettings settings;
    private final ApiDocument document;
    private final RouteAliases aliases;

    ScopeRule(AuthSettings settings, ApiDocument document, RouteAliases aliases) {
        this.settings = settings;
        this.document = document;
        this.aliases = aliases;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication caller) {
        if (!settings.tokensRequired()) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        Optional<List<String>> needed = needed(request);
        if (needed.isEmpty()) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        if (caller != null && !Collections.disjoint(Scopes.granted(caller), needed.get())) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        request.setAttribute(NEEDED, needed.get());
        return Publishers.just(SecurityRuleResult.REJECTED);
    }

    /** The scopes the matched route needs; empty for an open one. */
    private Optional<List<String>> needed(HttpRequest<?> request) {
        Optional<UriRouteMatch<?, ?>> route = RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance).map(match -> (UriRouteMatch<?, ?>) match);
        if (route.isEmpty()) {
            // no route: Swagger UI's static files, or nothing at all (which tells an anonymous caller nothing)
            return request.getPath().startsWith("/swagger-ui/") ? Optional.empty() : Optional.of(List.of(Scopes.ADMIN));
        }
        String template = route.get().getRouteInfo().getUriMatchTemplate().toString();
        String path = aliases.canonical(template);
        Optional<List<String>> published = document.scopes(route.get().getHttpMethod().name(), path)
                .filter(scopes -> !scopes.isEmpty());
        if (published.isPresent()) {
            return published;
        }
        boolean open = PUBLIC.contains(template) || template.startsWith("/swagger-ui/") || PROBES.contains(request.getPath());
        return open ? Optional.empty() : Optional.of(List.of(Scopes.ADMIN));
    }

    @Override
    public int getOrder() {
        return -100; // before the framework's own rules: this one always decides
    }
}

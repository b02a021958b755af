package org.portside.rest.shared;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * The framework's bearer-token fetcher, answering at once when its validators do: the same tokens
 * (the framework's resolver), the same validators in the same order, the same request attribute and
 * {@link TokenValidatedEvent}, built only when someone listens ({@code ApplicationEventPublisher.isEmpty()}:
 * the event's host and locale cost more than everything else here). The stock one runs two Reactor
 * {@code flatMap}s for every request even when the token was validated before ({@link ValidatedTokens});
 * a validator that does not answer at once (a first validation against a JWKS document) hands the
 * request to the stock pipeline, as {@link PromptSecurityFilter} does.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
final class PromptTokenFetcher extends TokenAuthenticationFetcher {

    private final TokenResolver<HttpRequest<?>> tokens;

    PromptTokenFetcher(List<TokenValidator<HttpRequest<?>>> tokenValidators, TokenResolver<HttpRequest<?>> tokenResolver,
                       ApplicationEventPublisher<TokenValidatedEvent> tokenValidatedEventPublisher,
                       HttpHostResolver httpHostResolver, HttpLocaleResolver httpLocaleResolver) {
        super(tokenValidators, tokenResolver, tokenValidatedEventPublisher, httpHostResolver, httpLocaleResolver);
        this.tokens = tokenResolver;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        List<String> found = tokens.resolveTokens(request);
        if (found == null) {
            return Publishers.empty();
        }
        for (String token : found) {
            for (TokenValidator<HttpRequest<?>> validator : tokenValidators) {
                AtOnce<Authentication> validated = AtOnce.of(validator.validateToken(token, request));
                if (!validated.answered()) {
                    return super.fetchAuthentication(request);
                }
                if (validated.value() != null) {
                    request.setAttribute(SecurityFilter.TOKEN, token);
                    if (!tokenValidatedEventPublisher.isEmpty()) {
                        tokenValidatedEventPublisher.publishEvent(new TokenValidatedEvent(token,
                                httpHostResolver.resolve(request), httpLocaleResolver.resolveOrDefault(request)));
                    }
                    return Publishers.just(validated.value());
                }
            }
        }
        return Publishers.empty();
    }
}

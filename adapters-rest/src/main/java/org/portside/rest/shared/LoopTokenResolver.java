package org.portside.rest.shared;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.DefaultTokenResolver;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.security.token.reader.TokenResolver;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The framework's token resolver as a plain loop: the same readers (injected as it injects them, in
 * their order), and every token they find, in that order. The stock one builds a stream pipeline
 * (map, filter, map, peek, toList) on every request: 1.2 µs of an authenticated cached GUID read in
 * a profile (about 3 % of its CPU), of which the readers' own work is 0.5 µs.
 */
@Singleton
@Replaces(DefaultTokenResolver.class)
final class LoopTokenResolver implements TokenResolver<HttpRequest<?>> {

    private final List<TokenReader<HttpRequest<?>>> readers;

    LoopTokenResolver(List<TokenReader<HttpRequest<?>>> readers) {
        this.readers = List.copyOf(readers);
    }

    @Override
    public List<String> resolveTokens(HttpRequest<?> request) {
        List<String> tokens = List.of();
        for (TokenReader<HttpRequest<?>> reader : readers) {
            Optional<String> token = reader.findToken(request);
            if (token.isPresent()) {
                if (tokens.isEmpty()) {
                    tokens = new ArrayList<>(readers.size());
                }
                tokens.add(token.get());
            }
        }
        return tokens;
    }

    @Override
    @Deprecated(forRemoval = true, since = "4.4.0")
    @SuppressWarnings("removal")
    public Optional<String> resolveToken(HttpRequest<?> request) {
        List<String> tokens = resolveTokens(request);
        return tokens.isEmpty() ? Optional.empty() : Optional.of(tokens.get(0));
    }
}

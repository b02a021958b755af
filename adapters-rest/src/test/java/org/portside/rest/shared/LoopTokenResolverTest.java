package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.security.token.reader.TokenResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The token resolver in use, and what it finds: every reader's token, in the readers' order. */
class LoopTokenResolverTest {

    private static TokenReader<HttpRequest<?>> header(String name) {
        return request -> Optional.ofNullable(request.getHeaders().get(name));
    }

    private final LoopTokenResolver resolver = new LoopTokenResolver(List.of(header("A"), header("B"), header("C")));

    @Test
    void every_readers_token_in_the_readers_order() {
        assertEquals(List.of("a", "c"), resolver.resolveTokens(HttpRequest.GET("/").header("C", "c").header("A", "a")));
        assertEquals(List.of("b"), resolver.resolveTokens(HttpRequest.GET("/").header("B", "b")));
        assertEquals(Optional.of("b"), resolver.resolveToken(HttpRequest.GET("/").header("C", "c").header("B", "b")));
    }

    @Test
    void no_token_is_an_empty_list() {
        assertEquals(List.of(), resolver.resolveTokens(HttpRequest.GET("/")));
        assertEquals(Optional.empty(), resolver.resolveToken(HttpRequest.GET("/")));
    }

    @Test
    void it_is_the_one_in_use_and_reads_the_bearer_header() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("portside.auth.jwt-secret", SecurityApiTest.SECRET), "test")) {
            @SuppressWarnings("unchecked")
            TokenResolver<HttpRequest<?>> inUse = context.getBean(TokenResolver.class);
            assertInstanceOf(LoopTokenResolver.class, inUse);
            assertEquals(List.of("t0k3n"), inUse.resolveTokens(HttpRequest.GET("/").header("Authorization", "Bearer t0k3n")));
        }
    }
}

package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the prompt security filter and token fetcher keep of the framework's: they are the ones in
 * use, and every request with a valid token still announces it ({@link TokenValidatedEvent}), the
 * first validation and the remembered ones alike; requests without one announce nothing. (What
 * they decide, 200, 401 and 403, is what SecurityApiTest and JwksSecurityTest check.)
 */
class PromptSecurityTest {

    private static final String LISTENING = "test.listen-for-validated-tokens";

    @Singleton
    @Requires(property = LISTENING)
    static final class Validated implements ApplicationEventListener<TokenValidatedEvent> {

        final List<String> tokens = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(TokenValidatedEvent event) {
            tokens.add((String) event.getSource());
        }
    }

    @Test
    void every_request_with_a_valid_token_announces_it() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("portside.auth.jwt-secret", SecurityApiTest.SECRET, LISTENING, true), "test")) {
            ApplicationContext context = server.getApplicationContext();
            assertTrue(context.containsBean(PromptSecurityFilter.class));
            assertInstanceOf(PromptTokenFetcher.class, context.getBean(TokenAuthenticationFetcher.class));
            Http http = new Http(server.getURI());
            String token = SecurityApiTest.token("guids:read");
            for (int i = 0; i < 3; i++) {
                assertEquals(404, http.sendWithHeaders("GET", "/guid/9094E4C980C74043A4B586B420E69DDF", null,
                        Map.of("Authorization", "Bearer " + token)).status());
            }
            assertEquals(401, http.sendWithHeaders("GET", "/guid/9094E4C980C74043A4B586B420E69DDF", null, Map.of()).status());
            assertEquals(List.of(token, token, token), context.getBean(Validated.class).tokens);
        }
    }
}

package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.filters.SecurityFilter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The framework's security filter is left out only while no key is configured, and back as soon as one is. */
class WithoutKeyTest {

    private static boolean frameworkFilterIn(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            return context.getBeansOfType(HttpServerFilter.class).stream().anyMatch(SecurityFilter.class::isInstance);
        }
    }

    @Test
    void without_a_key_requests_pass_without_the_framework_filter() {
        assertFalse(frameworkFilterIn(Map.of()));
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(), "test")) {
            assertEquals(200, new Http(server.getURI()).sendWithHeaders("GET", "/openapi.yml", null, Map.of()).status());
        }
    }

    @Test
    void a_secret_or_a_jwks_url_brings_the_framework_filter_back() {
        assertTrue(frameworkFilterIn(Map.of("portside.auth.jwt-secret", SecurityApiTest.SECRET)));
        assertTrue(frameworkFilterIn(Map.of("portside.auth.jwks-url", "http://127.0.0.1:9/jwks.json")));
    }
}

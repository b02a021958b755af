package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CORS is off unless configured; configured, it admits the named origins and no other. */
@MicronautTest
@Property(name = "micronaut.server.cors.enabled", value = "true")
@Property(name = "micronaut.server.cors.configurations.web.allowed-origins", value = "https://app.example.com")
class CorsTest {

    @Inject
    EmbeddedServer server;

    Http.Response preflight(String origin) {
        return new Http(server.getURI()).sendWithHeaders("OPTIONS", "/users", null,
                Map.of("Origin", origin, "Access-Control-Request-Method", "POST"));
    }

    @Test
    void a_configured_origin_is_admitted_and_another_is_not() {
        assertEquals("https://app.example.com", preflight("https://app.example.com").header("Access-Control-Allow-Origin").orElse(""));
        assertTrue(preflight("https://evil.example.com").header("Access-Control-Allow-Origin").isEmpty());
    }
}

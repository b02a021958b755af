package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portside.rest.shared.Http;

/** The token command signs what the service accepts, with the scopes and worker asked for. */
class TokenCommandTest {

    static final String SECRET = "the secret of this test, longer than thirty-two bytes";

    @Test
    void prints_an_hs256_token_with_the_scopes_worker_and_lifetime_asked_for() throws Exception {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        String token = TokenCommand.run(new String[] {"token", "--scope", "tasks:work", "--worker", "w1", "--ttl", "30m"},
                Map.of("PORTSIDE_AUTH_JWT_SECRET", SECRET), now);
        SignedJWT jwt = SignedJWT.parse(token);
        assertTrue(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))));
        assertEquals("HS256", jwt.getHeader().getAlgorithm().getName());
        assertEquals("tasks:work", jwt.getJWTClaimsSet().getStringClaim("scope"));
        assertEquals("w1", jwt.getJWTClaimsSet().getStringClaim("worker"));
        assertEquals(now.plus(Duration.ofMinutes(30)), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
    }

    @Test
    void refuses_without_a_long_enough_secret_or_a_scope_and_says_why() {
        IllegalArgumentException shortSecret = assertThrows(IllegalArgumentException.class, () -> TokenCommand.run(
                new String[] {"token", "--scope", "admin"}, Map.of("PORTSIDE_AUTH_JWT_SECRET", "short"), Instant.now()));
        assertTrue(shortSecret.getMessage().contains("at least 32 bytes"), shortSecret.getMessage());
        IllegalArgumentException noScope = assertThrows(IllegalArgumentException.class, () -> TokenCommand.run(
                new String[] {"token"}, Map.of("PORTSIDE_AUTH_JWT_SECRET", SECRET), Instant.now()));
        assertTrue(noScope.getMessage().contains("--scope"), noScope.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TokenCommand.ttl("1 hour"));
    }

    @Test
    void the_service_accepts_what_it_signs_and_refuses_the_wrong_scope() {
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "portside.auth.jwt-secret", SECRET, "micronaut.server.port", -1,
                "endpoints.health.details-visible", "AUTHENTICATED"), "test").getApplicationContext()) { // the shipped default
            Http http = new Http(context.getBean(EmbeddedServer.class).getURI());
            String writer = TokenCommand.run(new String[] {"token", "--scope", "users:write"}, Map.of("PORTSIDE_AUTH_JWT_SECRET", SECRET), Instant.now());
            String reader = TokenCommand.run(new String[] {"token", "--scope", "guids:read"}, Map.of("PORTSIDE_AUTH_JWT_SECRET", SECRET), Instant.now());
            String body = "{\"first_name\":\"Joe\",\"last_name\":\"Smith\",\"userid\":\"tok-" + System.nanoTime() + "\"}";
            assertEquals(401, http.post("/users", body).status());
            assertEquals(403, http.sendWithHeaders("POST", "/users", body, Map.of("Authorization", "Bearer " + reader)).status());
            assertEquals(201, http.sendWithHeaders("POST", "/users", body, Map.of("Authorization", "Bearer " + writer)).status());
            assertEquals(200, http.get("/health/liveness").status(), "the probes need no token");
            assertEquals(200, http.get("/health/readiness").status(), "the probes need no token");
            assertEquals(401, http.get("/health").status(), "health details need a token");
            assertEquals(401, http.get("/metrics").status(), "metrics need a token");
            String admin = TokenCommand.run(new String[] {"token", "--scope", "admin"}, Map.of("PORTSIDE_AUTH_JWT_SECRET", SECRET), Instant.now());
            assertEquals(403, http.sendWithHeaders("GET", "/metrics", null, Map.of("Authorization", "Bearer " + writer)).status());
            assertEquals(200, http.sendWithHeaders("GET", "/metrics", null, Map.of("Authorization", "Bearer " + admin)).status());
            Http.Response health = http.sendWithHeaders("GET", "/health", null, Map.of("Authorization", "Bearer " + admin));
            assertEquals(200, health.status());
            assertTrue(health.body().contains("details"), "an admin sees the details: " + health.body());
            Http.Response probe = http.get("/health/liveness");
            assertTrue(!probe.body().contains("details") && !probe.body().contains("jdbc"), "a probe says the status only: " + probe.body());
            Http.Response readiness = http.get("/health/readiness");
            assertTrue(!readiness.body().contains("details") && !readiness.body().contains("jdbc"), "a probe says the status only: " + readiness.body());
            assertEquals(401, http.get("/prometheus").status(), "the scrape endpoint needs a token");
            assertEquals(403, http.sendWithHeaders("GET", "/prometheus", null, Map.of("Authorization", "Bearer " + writer)).status());
            http.sendWithHeaders("GET", "/guid/9094E4C980C74043A4B586B420E69DDF", null, Map.of("Authorization", "Bearer " + admin));
            Http.Response scrape = http.sendWithHeaders("GET", "/prometheus", null, Map.of("Authorization", "Bearer " + admin));
            assertEquals(200, scrape.status());
            assertTrue(scrape.body().contains("# TYPE") && scrape.body().contains("portside_cache_requests"),
                    () -> "Prometheus' text format: " + scrape.body().substring(0, Math.min(400, scrape.body().length())));
            for (Http.Response any : new Http.Response[] {probe, scrape, http.get("/users/nobody")}) {
                assertEquals("nosniff", any.header("X-Content-Type-Options").orElse(""), "every answer: " + any);
                assertTrue(any.header("Server").isEmpty(), "no server header");
            }
            Http.Response preflight = http.sendWithHeaders("OPTIONS", "/users", null,
                    Map.of("Origin", "https://elsewhere.example", "Access-Control-Request-Method", "POST"));
            assertTrue(preflight.header("Access-Control-Allow-Origin").isEmpty(), "CORS is off unless configured: " + preflight);
        }
    }
}

package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

/**
 * The security filter is skipped only while no key is configured, and at work as soon as one is.
 * Told by what runs, not by which beans exist: the security filter is the only caller of security
 * rules, so a rule that counts its calls shows whether requests went through it.
 */
class WithoutKeyTest {

    private static final String COUNTING = "test.count-security-rule-calls";

    @Singleton
    @Requires(property = COUNTING)
    static final class CountingRule implements SecurityRule<HttpRequest<?>> {

        final AtomicInteger calls = new AtomicInteger();

        /** Asked before every other rule: the filter stops at the first that decides. */
        @Override
        public int getOrder() {
            return HIGHEST_PRECEDENCE;
        }

        @Override
        public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
            calls.incrementAndGet();
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
    }

    /** How often security rules were asked while three requests were served. */
    private static int ruleCallsFor(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put(COUNTING, true);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, all, "test")) {
            Http http = new Http(server.getURI());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, http.sendWithHeaders("GET", "/openapi.yml", null, Map.of()).status());
            }
            return server.getApplicationContext().getBean(CountingRule.class).calls.get();
        }
    }

    @Test
    void without_a_key_requests_pass_without_any_security_filter() {
        assertEquals(0, ruleCallsFor(Map.of()));
    }

    @Test
    void a_secret_or_a_jwks_url_brings_the_security_filter_back() {
        // once per request: the stock filter is retired, not running as well (that would be 6)
        assertEquals(3, ruleCallsFor(Map.of("portside.auth.jwt-secret", SecurityApiTest.SECRET)));
        assertEquals(3, ruleCallsFor(Map.of("portside.auth.jwks-url", "http://127.0.0.1:9/jwks.json")));
    }
}

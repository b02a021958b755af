package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** A token is checked once and then remembered, never past its expiry or the one-minute bound; refusals never. */
class ValidatedTokensTest {

    private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** The framework's validator as far as this decorator sees it: accepts the tokens it knows, counts the checks. */
    private static final class CountingValidator implements ReactiveJsonWebTokenValidator<Object, Object> {
        final Map<String, Instant> expiries;
        final AtomicInteger checks = new AtomicInteger();

        CountingValidator(Map<String, Instant> expiries) {
            this.expiries = expiries;
        }

        @Override
        public Publisher<Authentication> validateToken(String token, Object request) {
            checks.incrementAndGet();
            Instant exp = expiries.get(token);
            return exp == null ? Publishers.empty()
                    : Publishers.just(Authentication.build("tester", List.of(), Map.of("exp", Date.from(exp))));
        }

        @Override
        public Publisher<Object> validate(String token, Object request) {
            return Publishers.empty();
        }

        @Override
        public int getOrder() {
            return 42;
        }
    }

    private final MovableClock clock = new MovableClock();

    private static Authentication check(ReactiveJsonWebTokenValidator<Object, Object> validator, String token) {
        return Mono.from(validator.validateToken(token, null)).block();
    }

    @SuppressWarnings("unchecked")
    private ReactiveJsonWebTokenValidator<Object, Object> remembering(CountingValidator validator) {
        return new ValidatedTokens.Remembering<>(validator, clock);
    }

    @Test
    void an_accepted_token_is_checked_once_and_answered_from_memory_after() {
        CountingValidator checked = new CountingValidator(Map.of("a", START.plus(Duration.ofHours(1))));
        ReactiveJsonWebTokenValidator<Object, Object> tokens = remembering(checked);
        Authentication first = check(tokens, "a");
        clock.now = START.plusSeconds(30);
        assertSame(first, check(tokens, "a"));
        assertEquals(1, checked.checks.get());
        assertEquals(42, tokens.getOrder(), "the decorated validator keeps its place among the others");
    }

    @Test
    void an_accepted_token_is_checked_again_after_the_bound() {
        CountingValidator checked = new CountingValidator(Map.of("a", START.plus(Duration.ofHours(1))));
        ReactiveJsonWebTokenValidator<Object, Object> tokens = remembering(checked);
        check(tokens, "a");
        clock.now = START.plus(ValidatedTokens.LONGEST);
        check(tokens, "a");
        assertEquals(2, checked.checks.get());
    }

    @Test
    void a_token_is_never_remembered_past_its_expiry() {
        CountingValidator checked = new CountingValidator(new java.util.HashMap<>(Map.of("a", START.plusSeconds(10))));
        ReactiveJsonWebTokenValidator<Object, Object> tokens = remembering(checked);
        check(tokens, "a");
        clock.now = START.plusSeconds(10);
        checked.expiries.remove("a"); // what the framework says of it once expired
        assertNull(check(tokens, "a"));
        assertEquals(2, checked.checks.get());
    }

    @Test
    void a_refused_token_is_checked_every_time_and_another_token_is_its_own_entry() {
        CountingValidator checked = new CountingValidator(Map.of("a", START.plus(Duration.ofHours(1))));
        ReactiveJsonWebTokenValidator<Object, Object> tokens = remembering(checked);
        assertNull(check(tokens, "forged"));
        assertNull(check(tokens, "forged"));
        check(tokens, "a");
        assertNull(check(tokens, "a "));
        assertEquals(4, checked.checks.get());
    }
}

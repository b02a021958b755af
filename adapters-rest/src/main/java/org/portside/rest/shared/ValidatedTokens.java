package org.portside.rest.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.reactivestreams.Publisher;

/**
 * A token checked once is not checked again on every request: the framework's JWT validator parses
 * the token, verifies its signature and its claims each time, which with a key configured cost
 * more than the cached GUID read it guards. Its answers are kept, keyed by the whole token (so a
 * token changed by a single character is a different entry and checked afresh), for at most
 * {@link #LONGEST} and never past the token's {@code exp}. Only acceptances are kept: a refused
 * token is checked every time. The bound means a key withdrawn from the identity provider's JWKS
 * stops admitting the tokens it signed within {@link #LONGEST} of the JWKS refresh.
 */
@Singleton
final class ValidatedTokens implements BeanCreatedEventListener<ReactiveJsonWebTokenValidator<?, ?>> {

    static final Duration LONGEST = Duration.ofMinutes(1);
    private static final int ENTRIES = 4096;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ReactiveJsonWebTokenValidator<?, ?> onCreated(BeanCreatedEvent<ReactiveJsonWebTokenValidator<?, ?>> event) {
        // the system clock, not the service's Clock bean: it must agree with the one the validator checks exp by
        return new Remembering(event.getBean(), Clock.systemUTC());
    }

    /** An accepted token and the instant it must be checked again by. */
    private record Accepted(Authentication caller, Instant until) {
    }

    static final class Remembering<T, R> implements ReactiveJsonWebTokenValidator<T, R> {

        private final ReactiveJsonWebTokenValidator<T, R> validator;
        private final Clock clock;
        private final Cache<String, Accepted> accepted;

        Remembering(ReactiveJsonWebTokenValidator<T, R> validator, Clock clock) {
            this.validator = validator;
            this.clock = clock;
            // upkeep on the reading thread (the event loop), a few microseconds now and then: Caffeine's
            // default hands it to ForkJoinPool.commonPool(), waking a pool thread on every drain
            this.accepted = Caffeine.newBuilder().executor(Runnable::run).maximumSize(ENTRIES).expireAfter(new Expiry<String, Accepted>() {
                @Override
                public long expireAfterCreate(String token, Accepted entry, long now) {
                    return Math.max(0, Duration.between(clock.instant(), entry.until()).toNanos());
                }

                @Override
                public long expireAfterUpdate(String token, Accepted entry, long now, long remaining) {
                    return expireAfterCreate(token, entry, now);
                }

                @Override
                public long expireAfterRead(String token, Accepted entry, long now, long remaining) {
                    return remaining;
                }
            }).build();
        }

        @Override
        public Publisher<Authentication> validateToken(String token, @Nullable R request) {
            Accepted known = accepted.getIfPresent(token);
            Instant now = clock.instant();
            if (known != null && now.isBefore(known.until())) {
                return Publishers.just(known.caller());
            }
            return Publishers.then(validator.validateToken(token, request), caller -> {
                Instant until = until(caller, now);
                if (until != null) {
                    accepted.put(token, new Accepted(caller, until));
                }
            });
        }

        /** The earlier of the cache bound and the token's expiry; null (not kept) without a readable {@code exp}. */
        private static Instant until(Authentication caller, Instant now) {
            Object exp = caller.getAttributes().get("exp");
            Instant expires = exp instanceof Date date ? date.toInstant()
                    : exp instanceof Instant instant ? instant
                    : exp instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue())
                    : null;
            if (expires == null) {
                return null;
            }
            Instant bound = now.plus(LONGEST);
            return expires.isBefore(bound) ? expires : bound;
        }

        @Override
        public Publisher<T> validate(String token, @Nullable R request) {
            return validator.validate(token, request);
        }

        @Override
        public int getOrder() {
            return validator.getOrder();
        }
    }
}

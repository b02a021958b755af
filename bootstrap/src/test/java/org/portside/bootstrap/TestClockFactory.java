package org.portside.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.portside.application.shared.inmemory.MutableClock;

/** In tests the service's clock is moved by hand: expiry is tested without waiting. */
@Factory
class TestClockFactory {

    @Singleton
    @Replaces(value = Clock.class, factory = UseCaseFactory.class)
    MutableClock clock() {
        return new MutableClock(Instant.now());
    }
}

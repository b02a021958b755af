package org.portside.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.configuration.metrics.micrometer.MeterRegistryFactory;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * With metrics turned off ({@code micronaut.metrics.enabled: false}) micronaut-micrometer makes no
 * registry at all, and what counts (the caches' hit and miss counters) would fail to be created, so
 * every request needing one would fail. This registry records nothing: a composite with no
 * registries in it hands out no-op meters (Micrometer's documented behaviour), so the code that
 * counts does not need to know whether anyone reads the counts.
 */
@Factory
final class MetricsOff {

    @Singleton
    @Bean(typed = MeterRegistry.class)
    @Requires(property = MeterRegistryFactory.MICRONAUT_METRICS_ENABLED, value = "false")
    MeterRegistry recordingNothing() {
        return new CompositeMeterRegistry();
    }
}

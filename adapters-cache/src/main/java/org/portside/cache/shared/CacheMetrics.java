package org.portside.cache.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Hits, misses and errors of one cache, as the Micrometer counter {@code portside.cache.requests}
 * tagged {@code cache} and {@code result}. Every cache implementation counts through this.
 */
public final class CacheMetrics {

    private final Counter hits;
    private final Counter misses;
    private final Counter errors;

    public CacheMetrics(MeterRegistry registry, String cache) {
        this.hits = counter(registry, cache, "hit");
        this.misses = counter(registry, cache, "miss");
        this.errors = counter(registry, cache, "error");
    }

    private static Counter counter(MeterRegistry registry, String cache, String result) {
        return Counter.builder("portside.cache.requests")
                .description("cache look-ups by result; an error is also a miss for the caller")
                .tag("cache", cache)
                .tag("result", result)
                .register(registry);
    }

    public void hit() {
        hits.increment();
    }

    public void miss() {
        misses.increment();
    }

    public void error() {
        errors.increment();
    }

    public double hits() {
        return hits.count();
    }

    public double misses() {
        return misses.count();
    }

    public double errors() {
        return errors.count();
    }
}

package org.portside.cache.guids;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.cache.shared.CacheMetrics;
import org.portside.cache.guids.TimedEntries.Entry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;

/** The in-process default: a bounded, least-recently-used Caffeine cache with a TTL per entry. */
final class CaffeineGuidCache implements GuidCache {

    private final Cache<Guid, Entry> cache;
    private final CacheMetrics metrics;

    CaffeineGuidCache(long maximumSize, CacheMetrics metrics) {
        this.metrics = metrics;
        this.cache = TimedEntries.bounded(maximumSize);
    }

    @Override
    public CompletionStage<Optional<GuidRecord>> get(Guid guid) {
        Entry entry = cache.getIfPresent(guid);
        if (entry == null) {
            metrics.miss();
            return CompletableFuture.completedFuture(Optional.empty());
        }
        metrics.hit();
        return CompletableFuture.completedFuture(Optional.of(entry.record()));
    }

    @Override
    public CompletionStage<Void> put(GuidRecord record, Duration ttl) {
        cache.put(record.guid(), new Entry(record, ttl.toNanos()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> evict(Guid guid) {
        cache.invalidate(guid);
        return CompletableFuture.completedFuture(null);
    }

    void cleanUp() {
        cache.cleanUp();
    }

    long size() {
        return cache.estimatedSize();
    }
}

package org.portside.application.guids.inmemory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;

/**
 * A plain map honouring each entry's TTL on the given clock. Unbounded: for tests and first tries;
 * the service uses the bounded Caffeine or Redis caches of the cache adapter.
 */
public final class InMemoryGuidCache implements GuidCache {

    private record Entry(GuidRecord record, Instant until) {
    }

    private final Map<Guid, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryGuidCache(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<Optional<GuidRecord>> get(Guid guid) {
        Entry entry = entries.get(guid);
        if (entry == null || !clock.instant().isBefore(entry.until())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.completedFuture(Optional.of(entry.record()));
    }

    @Override
    public CompletionStage<Void> put(GuidRecord record, Duration ttl) {
        entries.put(record.guid(), new Entry(record, clock.instant().plus(ttl)));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> evict(Guid guid) {
        entries.remove(guid);
        return CompletableFuture.completedFuture(null);
    }

    /** What is cached now (expired entries included until evicted), for tests. */
    public Optional<GuidRecord> peek(Guid guid) {
        return Optional.ofNullable(entries.get(guid)).map(Entry::record);
    }
}

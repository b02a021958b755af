package org.portside.cache.guids;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.cache.shared.CacheMetrics;
import org.portside.cache.shared.RedisInvalidations;
import org.portside.cache.guids.TimedEntries.Entry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;

/**
 * An in-process near cache in front of the shared Redis cache, kept coherent across instances by
 * {@link RedisInvalidations}. A hit in the near cache costs no network round trip.
 *
 * <ul>
 *   <li>On this instance, an {@link #evict} empties the near entry before it returns, so a read after
 *   a write never sees the old value; the other instances are told through the channel.</li>
 *   <li>The near cache serves only while the channel is {@linkplain RedisInvalidations#coherent()
 *   coherent}, and is emptied whenever invalidations may have been missed.</li>
 *   <li>A fill (a value read from Redis, or {@link #put} after a database read) is kept only if no
 *   invalidation arrived since the read began: otherwise a read that raced a write could put the old
 *   value back. Every invalidation advances {@code generation}; a read remembers the one it began in.</li>
 *   <li>A near entry lives at most {@code nearTtl}, and never past the GUID's own expiry.</li>
 * </ul>
 */
final class TwoTierGuidCache implements GuidCache, RedisInvalidations.Listener {

    private final Cache<Guid, Entry> near;
    /** The generation in which a read that missed both tiers began, until its fill arrives. */
    private final Cache<Guid, Long> missedIn;
    private final AtomicLong generation = new AtomicLong();
    private final RedisGuidCache far;
    private final RedisInvalidations invalidations;
    private final CacheMetrics metrics;
    private final Duration nearTtl;
    private final Clock clock;

    TwoTierGuidCache(RedisGuidCache far, RedisInvalidations invalidations, CacheMetrics metrics,
                     long maximumSize, Duration nearTtl, Clock clock) {
        this.far = far;
        this.invalidations = invalidations;
        this.metrics = metrics;
        this.nearTtl = nearTtl;
        this.clock = clock;
        this.near = TimedEntries.bounded(maximumSize);
        this.missedIn = Caffeine.newBuilder().executor(Runnable::run) // upkeep in place, as TimedEntries explains
                .maximumSize(maximumSize).expireAfterWrite(Duration.ofMinutes(1)).build();
        invalidations.listen(this);
    }

    @Override
    public CompletionStage<Optional<GuidRecord>> get(Guid guid) {
        if (invalidations.coherent()) {
            Entry entry = near.getIfPresent(guid);
            if (entry != null) {
                metrics.hit();
                return CompletableFuture.completedFuture(Optional.of(entry.record()));
            }
        }
        long began = generation.get();
        return far.getTimed(guid).thenApply(found -> {
            if (found.isPresent()) {
                keep(found.get().record(), found.get().remaining(), began);
            } else {
                missedIn.asMap().putIfAbsent(guid, began);
            }
            return found.map(RedisGuidCache.Timed::record);
        });
    }

    @Override
    public CompletionStage<Void> put(GuidRecord record, Duration ttl) {
        Long began = missedIn.asMap().remove(record.guid());
        if (began == null) {
            near.invalidate(record.guid()); // a put nobody's read asked for: Redis decides
        } else {
            keep(record, ttl, began);
        }
        return far.put(record, ttl);
    }

    @Override
    public CompletionStage<Void> evict(Guid guid) {
        forget(guid);
        CompletionStage<Void> deleted = far.evict(guid);
        // sent right behind the DEL on the same connection: whoever hears of it finds Redis emptied
        CompletionStage<Void> told = invalidations.publish(guid.value());
        return deleted.thenCombine(told, (a, b) -> null);
    }

    @Override
    public void invalidated(String key) {
        Guid guid;
        try {
            guid = new Guid(key);
        } catch (RuntimeException notAGuid) {
            return;
        }
        forget(guid);
    }

    @Override
    public void coherenceLost() {
        generation.incrementAndGet();
        near.invalidateAll();
        missedIn.invalidateAll();
    }

    private void forget(Guid guid) {
        generation.incrementAndGet();
        near.invalidate(guid);
    }

    private void keep(GuidRecord record, Duration ttl, long began) {
        Duration untilExpiry = Duration.between(clock.instant(), record.expire().instant());
        Duration lifetime = min(min(ttl, nearTtl), untilExpiry);
        if (lifetime.isNegative() || lifetime.isZero() || !invalidations.coherent()) {
            return;
        }
        near.put(record.guid(), new Entry(record, lifetime.toNanos()));
        if (generation.get() != began) {
            near.invalidate(record.guid()); // an invalidation came in meanwhile: the value may be old
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    boolean coherent() {
        return invalidations.coherent();
    }

    long nearSize() {
        near.cleanUp();
        return near.estimatedSize();
    }
}

package org.portside.cache.guids;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;

/** The in-process GUID caches' store: bounded, least recently used out first, a TTL per entry. */
final class TimedEntries {

    /** A cached record and how long it may stay (set at each put; reads do not extend it). */
    record Entry(GuidRecord record, long ttlNanos) {
    }

    private TimedEntries() {
    }

    /**
     * Upkeep (draining the read buffer, evicting) runs on the thread that triggers it, a few
     * microseconds now and then, instead of being handed to {@code ForkJoinPool.commonPool()}, Caffeine's
     * default: on an event loop every hand-off woke a pool thread, which then contended with the loop
     * for the eviction lock (about 2 % of a cached read's CPU in a profile under 64 connections).
     */
    static Cache<Guid, Entry> bounded(long maximumSize) {
        return Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(maximumSize)
                .expireAfter(new Expiry<Guid, Entry>() {
                    @Override
                    public long expireAfterCreate(Guid key, Entry value, long currentTime) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(Guid key, Entry value, long currentTime, long currentDuration) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(Guid key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }
}

package org.portside.application.shared.inmemory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.portside.application.shared.port.out.IdempotencyStore;

/** Idempotency keys in memory; with {@link InMemoryTransactions}, a lock lasts until {@link #release}. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(Kept kept, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Set<String> locked = ConcurrentHashMap.newKeySet();

    private static String id(String scope, String key) {
        return scope + "\n" + key;
    }

    @Override
    public boolean tryLock(String scope, String key) {
        return locked.add(id(scope, key));
    }

    @Override
    public void release(String scope, String key) {
        locked.remove(id(scope, key));
    }

    @Override
    public Optional<Kept> find(String scope, String key, Instant now) {
        return Optional.ofNullable(entries.get(id(scope, key))).filter(e -> e.expires().isAfter(now)).map(Entry::kept);
    }

    @Override
    public void save(String scope, String key, Kept kept, Instant expires) {
        entries.put(id(scope, key), new Entry(kept, expires));
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        int purged = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (purged < limit && !e.getValue().expires().isAfter(now) && entries.remove(e.getKey(), e.getValue())) {
                purged++;
            }
        }
        return purged;
    }
}

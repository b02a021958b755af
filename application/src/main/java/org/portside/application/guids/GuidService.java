package org.portside.application.guids;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.portside.application.guids.port.in.PurgeExpiredGuids;
import org.portside.application.guids.port.in.ReadGuid;
import org.portside.application.guids.port.in.RegisterGuid;
import org.portside.application.guids.port.in.RemoveGuid;
import org.portside.application.guids.port.in.UpsertGuid;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.application.guids.port.out.GuidGenerator;
import org.portside.application.guids.port.out.GuidStore;
import org.portside.application.shared.Batches;
import org.portside.application.shared.port.out.Transactions;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;

/**
 * The GUID registry, asynchronous end to end: store work (blocking) runs on the given executor,
 * cache work is non-blocking, and the caller's thread only composes stages. Reads go cache first,
 * then the store (misses that arrive together share one statement, see {@link Batches}), then
 * fill the cache; registrations that arrive together are stored by one statement too. Writes go to
 * the store first, then evict the cache entry, so a read after a write never sees the old value.
 * An expired GUID counts as absent everywhere.
 */
public final class GuidService implements RegisterGuid, UpsertGuid, ReadGuid, RemoveGuid, PurgeExpiredGuids {

    private final GuidStore store;
    private final GuidCache cache;
    private final GuidGenerator ids;
    private final Transactions transactions;
    private final Clock clock;
    private final Executor blocking;
    private final GuidSettings settings;
    private final Batches<Guid, Optional<GuidRecord>> lookups;
    private final Batches<GuidRecord, GuidRecord> registrations;

    /** With {@link Batches.Limits#READS} for the reads that miss the cache, {@link Batches.Limits#WRITES} for registrations. */
    public GuidService(GuidStore store, GuidCache cache, GuidGenerator ids, Transactions transactions, Clock clock,
                       Executor blocking, GuidSettings settings) {
        this(store, cache, ids, transactions, clock, blocking, settings, Batches.Limits.READS, Batches.Limits.WRITES);
    }

    /**
     * @param readBatches  how the reads that miss the cache share statements
     * @param writeBatches how the registrations of new GUIDs (without an Idempotency-Key) share statements and commits
     */
    public GuidService(GuidStore store, GuidCache cache, GuidGenerator ids, Transactions transactions, Clock clock,
                       Executor blocking, GuidSettings settings, Batches.Limits readBatches, Batches.Limits writeBatches) {
        this.store = store;
        this.cache = cache;
        this.ids = ids;
        this.transactions = transactions;
        this.clock = clock;
        this.blocking = blocking;
        this.settings = settings;
        this.lookups = Batches.reads(store::findAll, blocking, readBatches);
        this.registrations = new Batches<>(this::registerAll, blocking, writeBatches);
    }

    @Override
    public CompletionStage<GuidRecord> read(Guid guid) {
        return cached(guid).thenCompose(hit -> {
            if (hit.isPresent() && !hit.get().isExpiredAt(clock.instant())) {
                return CompletableFuture.completedFuture(hit.get());
            }
            return lookups.submit(guid).thenApply(found -> {
                GuidRecord record = live(found).orElseThrow(() -> notFound(guid));
                remember(record);
                return record;
            });
        });
    }

    /** Registrations that wait for the database together are stored by one statement and one commit. */
    @Override
    public CompletionStage<GuidRecord> register(RegisterGuid.Command command) {
        return validated(() -> expiryOrDefault(command.expire()))
                .thenCompose(expire -> registrations.submit(new GuidRecord(ids.next(), expire, command.owner())));
    }

    /**
     * A batch of new GUIDs in one statement. One that was taken meanwhile (astronomically unlikely:
     * 128 random bits), or drawn twice in the batch, is registered again by itself under a GUID drawn
     * anew, as {@link #insertNew} does; when the statement fails for any reason but an outage, each
     * is registered by itself.
     */
    private void registerAll(List<Batches.Job<GuidRecord, GuidRecord>> batch) {
        Map<Guid, Batches.Job<GuidRecord, GuidRecord>> firsts = Batches.firstsBy(batch, GuidRecord::guid);
        Batches.togetherOrOneByOne(batch, () -> {
            Set<Guid> stored = transactions.singleStatement(
                    () -> store.insertAllIfAbsent(firsts.values().stream().map(Batches.Job::command).toList()));
            for (Batches.Job<GuidRecord, GuidRecord> job : batch) {
                GuidRecord record = job.command();
                if (firsts.get(record.guid()) == job && stored.contains(record.guid())) {
                    job.answer(record);
                    continue;
                }
                try {
                    job.answer(insertNew(record.expire(), record.owner()));
                } catch (RuntimeException own) {
                    job.fail(own);
                }
            }
        }, job -> insertNew(job.command().expire(), job.command().owner()));
    }

    @Override
    public GuidRecord registerNow(RegisterGuid.Command command) {
        return insertNew(expiryOrDefault(command.expire()), command.owner());
    }

    private GuidRecord insertNew(Expiry expire, Owner owner) {
        return transactions.singleStatement(() -> {
            while (true) {
                GuidRecord record = new GuidRecord(ids.next(), expire, owner);
                if (store.insertIfAbsent(record)) {
                    return record;
                }
                // a generated GUID that exists already: astronomically unlikely, never reused
            }
        });
    }

    @Override
    public CompletionStage<Result> upsert(UpsertGuid.Command command) {
        return validated(() -> {
            command.expire().ifPresent(e -> e.requireFutureOf(clock.instant()));
            return command;
        }).thenCompose(valid -> offThread(() -> transactions.inTransaction(() -> upsertNow(valid))))
                .thenCompose(result -> evict(command.guid()).thenApply(done -> result));
    }

    private Result upsertNow(UpsertGuid.Command command) {
        while (true) {
            Optional<GuidRecord> stored = store.findForUpdate(command.guid());
            Optional<GuidRecord> current = live(stored);
            if (current.isPresent()) {
                GuidRecord changed = current.get().change(command.expire(), command.owner());
                if (!changed.equals(current.get())) {
                    store.update(changed);
                }
                return new Result(changed, Outcome.UPDATED);
            }
            Owner owner = command.owner().orElseThrow(() -> Invalid.field("user", "is required when the GUID is created"));
            GuidRecord created = new GuidRecord(command.guid(), expiryOrDefault(command.expire()), owner);
            if (stored.isPresent()) {
                store.update(created); // expired but not purged yet: it is created anew
                return new Result(created, Outcome.CREATED);
            }
            if (store.insertIfAbsent(created)) {
                return new Result(created, Outcome.CREATED);
            }
            // created concurrently since we looked: look again, now as an update
        }
    }

    @Override
    public CompletionStage<Void> remove(Guid guid) {
        return offThread(() -> transactions.inTransaction(() -> {
            live(store.findForUpdate(guid)).orElseThrow(() -> notFound(guid));
            store.delete(guid);
            return guid;
        })).thenCompose(this::evict);
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.instant();
        int total = 0;
        int deleted;
        do {
            deleted = store.deleteExpired(now, settings.purgeBatchSize());
            total += deleted;
        } while (deleted == settings.purgeBatchSize());
        return total;
    }

    private Expiry expiryOrDefault(Optional<Expiry> expire) {
        Instant now = clock.instant();
        return expire.map(e -> e.requireFutureOf(now)).orElseGet(() -> Expiry.at(now.plus(settings.defaultLifetime())));
    }

    private Optional<GuidRecord> live(Optional<GuidRecord> record) {
        Instant now = clock.instant();
        return record.filter(r -> !r.isExpiredAt(now));
    }

    /** Fills the cache without making the caller wait; the entry never outlives the GUID. */
    private void remember(GuidRecord record) {
        Duration untilExpiry = Duration.between(clock.instant(), record.expire().instant());
        Duration ttl = untilExpiry.compareTo(settings.cacheTtl()) < 0 ? untilExpiry : settings.cacheTtl();
        if (!ttl.isNegative() && !ttl.isZero()) {
            guarded(() -> cache.put(record, ttl), null);
        }
    }

    private CompletionStage<Optional<GuidRecord>> cached(Guid guid) {
        return guarded(() -> cache.get(guid), Optional.empty());
    }

    private CompletionStage<Void> evict(Guid guid) {
        return guarded(() -> cache.evict(guid), null);
    }

    /** A cache that fails, even by throwing, is a cache that missed. */
    private static <T> CompletionStage<T> guarded(Supplier<CompletionStage<T>> call, T fallback) {
        try {
            return call.get().exceptionally(error -> fallback);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(fallback);
        }
    }

    private <T> CompletableFuture<T> offThread(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, blocking);
    }

    private static <T> CompletableFuture<T> validated(Supplier<T> check) {
        try {
            return CompletableFuture.completedFuture(check.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static NotFound notFound(Guid guid) {
        return new NotFound("guid-not-found", "no GUID " + guid + " (unknown or expired)");
    }
}

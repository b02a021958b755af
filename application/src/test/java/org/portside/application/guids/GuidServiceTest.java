package org.portside.application.guids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.portside.application.guids.inmemory.InMemoryGuidCache;
import org.portside.application.guids.inmemory.InMemoryGuidStore;
import org.portside.application.guids.port.in.RegisterGuid;
import org.portside.application.guids.port.in.UpsertGuid;
import org.portside.application.guids.port.in.UpsertGuid.Outcome;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.application.guids.port.out.GuidStore;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.inmemory.MutableClock;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;

class GuidServiceTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Guid G = new Guid("9094E4C980C74043A4B586B420E69DDF");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryGuidStore store = new InMemoryGuidStore();
    final InMemoryGuidCache cache = new InMemoryGuidCache(clock);
    final GuidSettings settings = new GuidSettings(Duration.ofDays(30), Duration.ofMinutes(10), 2);
    final GuidService guids = service(cache);

    GuidService service(GuidCache cache) {
        return new GuidService(store, cache, new RandomGuids(), new InMemoryTransactions(), clock, Runnable::run, settings);
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    Expiry in(Duration d) {
        return Expiry.at(clock.instant().plus(d));
    }

    @Test
    void registered_guids_are_random_and_default_to_thirty_days() {
        Set<Guid> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            GuidRecord r = await(guids.register(new RegisterGuid.Command(Optional.empty(), new Owner("Cylance, Inc."))));
            assertTrue(seen.add(r.guid()));
            assertEquals(NOW.plus(Duration.ofDays(30)).getEpochSecond(), r.expire().epochSecond());
        }
    }

    /** The in-memory store, with its batch inserts recorded and, while set, failing. */
    final class BatchingStore implements GuidStore {
        final java.util.List<java.util.List<Guid>> insertAlls = new java.util.ArrayList<>();
        RuntimeException insertAllFailure;
        int inserts;

        @Override
        public Set<Guid> insertAllIfAbsent(java.util.List<GuidRecord> records) {
            insertAlls.add(records.stream().map(GuidRecord::guid).toList());
            if (insertAllFailure != null) {
                throw insertAllFailure;
            }
            return store.insertAllIfAbsent(records);
        }

        /** Thrown by the next {@link #insertIfAbsent} calls instead of storing, while set. */
        RuntimeException insertFailure;

        @Override
        public boolean insertIfAbsent(GuidRecord record) {
            inserts++;
            if (insertFailure != null) {
                throw insertFailure;
            }
            return store.insertIfAbsent(record);
        }

        @Override
        public Optional<GuidRecord> find(Guid guid) {
            return store.find(guid);
        }

        @Override
        public Optional<GuidRecord> findForUpdate(Guid guid) {
            return store.findForUpdate(guid);
        }

        @Override
        public void update(GuidRecord record) {
            store.update(record);
        }

        @Override
        public boolean delete(Guid guid) {
            return store.delete(guid);
        }

        @Override
        public int deleteExpired(Instant now, int limit) {
            return store.deleteExpired(now, limit);
        }
    }

    final BatchingStore batchingStore = new BatchingStore();
    final java.util.List<Runnable> drains = new java.util.ArrayList<>();
    final java.util.ArrayDeque<Guid> drawn = new java.util.ArrayDeque<>();
    final RandomGuids random = new RandomGuids();
    /** Drains run when the test says; GUIDs are drawn from {@link #drawn} first, then at random. */
    final GuidService batched = new GuidService(batchingStore, cache, () -> drawn.isEmpty() ? random.next() : drawn.poll(),
            new InMemoryTransactions(), clock, drains::add, settings);

    void runDrains() {
        while (!drains.isEmpty()) {
            java.util.List<Runnable> now = java.util.List.copyOf(drains);
            drains.clear();
            now.forEach(Runnable::run);
        }
    }

    CompletionStage<GuidRecord> registration(String owner) {
        return batched.register(new RegisterGuid.Command(Optional.empty(), new Owner(owner)));
    }

    @Test
    void registrations_that_wait_together_are_stored_by_one_store_call_each_answered_with_its_own() {
        CompletionStage<GuidRecord> a = registration("a");
        CompletionStage<GuidRecord> b = registration("b");
        assertTrue(batchingStore.insertAlls.isEmpty(), "nothing stored before a drain runs");
        runDrains();
        GuidRecord first = await(a);
        GuidRecord second = await(b);
        assertEquals(java.util.List.of(java.util.List.of(first.guid(), second.guid())), batchingStore.insertAlls);
        assertEquals(0, batchingStore.inserts, "none by itself");
        assertEquals(Optional.of(first), store.find(first.guid()), "what was answered is what was stored");
        assertEquals(Optional.of(second), store.find(second.guid()));
        assertEquals("b", second.owner().value());
    }

    @Test
    void a_guid_drawn_that_is_taken_or_drawn_twice_in_a_batch_is_registered_anew_under_another() {
        await(guids.upsert(new UpsertGuid.Command(G, Optional.of(in(Duration.ofHours(1))), Optional.of(new Owner("there")))));
        Guid h = new Guid("0123456789ABCDEF0123456789ABCDEF");
        Guid i = new Guid("FEDCBA9876543210FEDCBA9876543210");
        Guid j = new Guid("00000000000000000000000000000001");
        drawn.addAll(java.util.List.of(G, h, h, i, j));
        CompletionStage<GuidRecord> taken = registration("a");
        CompletionStage<GuidRecord> once = registration("b");
        CompletionStage<GuidRecord> twice = registration("c");
        runDrains();
        assertEquals(java.util.List.of(java.util.List.of(G, h)), batchingStore.insertAlls, "a GUID drawn twice is offered once");
        assertEquals(h, await(once).guid());
        assertEquals(java.util.Set.of(i, j), java.util.Set.of(await(taken).guid(), await(twice).guid()), "each drawn anew");
        assertEquals("there", store.find(G).orElseThrow().owner().value(), "the one there left as it was");
        assertEquals("a", store.find(await(taken).guid()).orElseThrow().owner().value());
        assertEquals("c", store.find(await(twice).guid()).orElseThrow().owner().value());
    }

    @Test
    void a_registration_whose_guid_was_taken_and_that_then_cannot_be_stored_fails_only_itself() {
        await(guids.upsert(new UpsertGuid.Command(G, Optional.of(in(Duration.ofHours(1))), Optional.of(new Owner("there")))));
        drawn.add(G);
        CompletionStage<GuidRecord> taken = registration("a");
        CompletionStage<GuidRecord> other = registration("b");
        batchingStore.insertFailure = new IllegalStateException("cannot be stored by itself");
        runDrains();
        assertEquals("cannot be stored by itself", assertThrows(IllegalStateException.class, () -> await(taken)).getMessage());
        assertEquals(Optional.of(await(other)), store.find(await(other).guid()), "its batch-mate stored with the batch");
    }

    @Test
    void a_batch_of_registrations_that_fails_is_stored_again_one_by_one_and_an_outage_fails_it_at_once() {
        batchingStore.insertAllFailure = new IllegalStateException("the batch could not be stored");
        CompletionStage<GuidRecord> a = registration("a");
        CompletionStage<GuidRecord> b = registration("b");
        runDrains();
        assertEquals(Optional.of(await(a)), store.find(await(a).guid()), "stored by itself");
        assertEquals(Optional.of(await(b)), store.find(await(b).guid()));
        assertEquals(2, batchingStore.inserts);

        batchingStore.insertAllFailure = new org.portside.application.shared.port.out.StoreUnavailable("down", new RuntimeException());
        CompletionStage<GuidRecord> c = registration("c");
        CompletionStage<GuidRecord> d = registration("d");
        runDrains();
        assertInstanceOf(org.portside.application.shared.port.out.StoreUnavailable.class, assertThrows(RuntimeException.class, () -> await(c)));
        assertInstanceOf(org.portside.application.shared.port.out.StoreUnavailable.class, assertThrows(RuntimeException.class, () -> await(d)));
        assertEquals(2, batchingStore.inserts, "not tried one by one against a database that is down");
    }

    @Test
    void an_expiry_in_the_past_or_now_is_invalid() {
        Invalid e = assertThrows(Invalid.class, () -> await(guids.register(
                new RegisterGuid.Command(Optional.of(Expiry.at(NOW)), new Owner("x")))));
        assertEquals("expire", e.violations().get(0).field());
        assertThrows(Invalid.class, () -> await(guids.upsert(new UpsertGuid.Command(G, Optional.of(new Expiry(1_427_736_345L)),
                Optional.of(new Owner("x"))))));
    }

    @Test
    void upsert_creates_then_updates_only_the_fields_given() {
        var created = await(guids.upsert(new UpsertGuid.Command(G, Optional.of(in(Duration.ofHours(1))), Optional.of(new Owner("a")))));
        assertEquals(Outcome.CREATED, created.outcome());
        var updated = await(guids.upsert(new UpsertGuid.Command(G, Optional.of(in(Duration.ofHours(2))), Optional.empty())));
        assertEquals(Outcome.UPDATED, updated.outcome());
        assertEquals("a", updated.record().owner().value());
        assertEquals(in(Duration.ofHours(2)), await(guids.read(G)).expire());
        var nothing = await(guids.upsert(new UpsertGuid.Command(G, Optional.empty(), Optional.empty())));
        assertEquals(Outcome.UPDATED, nothing.outcome());
        assertEquals(updated.record(), nothing.record());
    }

    @Test
    void creating_needs_an_owner() {
        Invalid e = assertThrows(Invalid.class, () -> await(guids.upsert(new UpsertGuid.Command(G, Optional.empty(), Optional.empty()))));
        assertEquals("user", e.violations().get(0).field());
    }

    @Test
    void an_expired_guid_is_absent_for_reads_and_deletes_and_can_be_created_anew() {
        await(guids.upsert(new UpsertGuid.Command(G, Optional.of(in(Duration.ofMinutes(5))), Optional.of(new Owner("old")))));
        await(guids.read(G));
        clock.advance(Duration.ofMinutes(5));
        assertThrows(NotFound.class, () -> await(guids.read(G)));
        assertThrows(NotFound.class, () -> await(guids.remove(G)));
        assertThrows(Invalid.class, () -> await(guids.upsert(new UpsertGuid.Command(G, Optional.empty(), Optional.empty()))),
                "recreating needs an owner again");
        var again = await(guids.upsert(new UpsertGuid.Command(G, Optional.empty(), Optional.of(new Owner("new")))));
        assertEquals(Outcome.CREATED, again.outcome());
        assertEquals("new", await(guids.read(G)).owner().value());
    }

    @Test
    void reads_fill_the_cache_with_a_ttl_bounded_by_the_expiry() {
        await(guids.upsert(new UpsertGuid.Command(G, Optional.of(in(Duration.ofMinutes(3))), Optional.of(new Owner("a")))));
        assertTrue(cache.peek(G).isEmpty(), "writes do not fill the cache");
        await(guids.read(G));
        assertTrue(cache.peek(G).isPresent());
        clock.advance(Duration.ofMinutes(3));
        assertTrue(await(cache.get(G)).isEmpty(), "the entry lived no longer than the GUID (3 min < 10 min TTL)");
    }

    @Test
    void a_cache_hit_does_not_touch_the_store() {
        await(guids.upsert(new UpsertGuid.Command(G, Optional.of(in(Duration.ofHours(1))), Optional.of(new Owner("a")))));
        await(guids.read(G));
        store.delete(G); // behind the service's back: only the cache still has it
        assertEquals("a", await(guids.read(G)).owner().value());
    }

    @Test
    void writes_and_deletes_evict_so_the_next_read_is_fresh() {
        await(guids.upsert(new UpsertGuid.Command(G, Optional.of(in(Duration.ofHours(1))), Optional.of(new Owner("a")))));
        await(guids.read(G));
        await(guids.upsert(new UpsertGuid.Command(G, Optional.empty(), Optional.of(new Owner("b")))));
        assertEquals("b", await(guids.read(G)).owner().value());
        await(guids.remove(G));
        assertThrows(NotFound.class, () -> await(guids.read(G)));
    }

    @Test
    void a_broken_cache_is_a_cache_that_missed() {
        GuidCache broken = new GuidCache() {
            public CompletionStage<Optional<GuidRecord>> get(Guid guid) {
                return CompletableFuture.failedFuture(new IllegalStateException("redis down"));
            }

            public CompletionStage<Void> put(GuidRecord record, Duration ttl) {
                throw new IllegalStateException("redis down");
            }

            public CompletionStage<Void> evict(Guid guid) {
                return CompletableFuture.failedFuture(new IllegalStateException("redis down"));
            }
        };
        GuidService service = service(broken);
        await(service.upsert(new UpsertGuid.Command(G, Optional.of(in(Duration.ofHours(1))), Optional.of(new Owner("a")))));
        assertEquals("a", await(service.read(G)).owner().value());
        await(service.remove(G));
        assertThrows(NotFound.class, () -> await(service.read(G)));
    }

    @Test
    void purge_deletes_expired_guids_in_batches_and_keeps_live_ones() {
        for (int i = 0; i < 5; i++) {
            await(guids.register(new RegisterGuid.Command(Optional.of(in(Duration.ofMinutes(1))), new Owner("short"))));
        }
        GuidRecord live = await(guids.register(new RegisterGuid.Command(Optional.of(in(Duration.ofDays(1))), new Owner("long"))));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(5, guids.purgeExpired());
        assertEquals(1, store.size());
        assertEquals(live, await(guids.read(live.guid())));
        assertNotEquals(0, store.size());
    }

    @Test
    void failures_surface_as_domain_exceptions_inside_the_stage() {
        CompletionException e = assertThrows(CompletionException.class, () -> guids.read(G).toCompletableFuture().join());
        assertInstanceOf(NotFound.class, e.getCause());
    }
}

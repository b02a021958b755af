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

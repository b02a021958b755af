package org.portside.application.guids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.application.guids.port.out.GuidStore;
import org.portside.application.shared.port.out.Transactions;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;

/** What every {@link GuidStore} promises; run against the in-memory store and the JDBC one. */
public abstract class GuidStoreContract {

    protected abstract GuidStore store();

    protected abstract Transactions transactions();

    /** Starts each test from an empty store. */
    protected abstract void empty();

    @BeforeEach
    void startEmpty() {
        empty();
    }

    protected static GuidRecord record(long expire, String owner) {
        return new GuidRecord(Guid.of(UUID.randomUUID()), new Expiry(expire), new Owner(owner));
    }

    @Test
    void stores_reads_overwrites_and_deletes() {
        GuidRecord r = record(2_000_000_000L, "Cylance, Inc.");
        assertTrue(transactions().inTransaction(() -> store().insertIfAbsent(r)));
        GuidRecord sameGuid = new GuidRecord(r.guid(), new Expiry(1), new Owner("other"));
        assertFalse(transactions().inTransaction(() -> store().insertIfAbsent(sameGuid)), "a taken GUID is refused, whatever the record");
        assertEquals(r, store().find(r.guid()).orElseThrow(), "the first record stays");
        GuidRecord changed = new GuidRecord(r.guid(), new Expiry(2_100_000_000L), new Owner("ünïcødé 😀"));
        transactions().run(() -> store().update(changed));
        assertEquals(changed, transactions().inTransaction(() -> store().findForUpdate(r.guid())).orElseThrow());
        assertTrue(transactions().inTransaction(() -> store().delete(r.guid())));
        assertTrue(store().find(r.guid()).isEmpty());
        assertFalse(transactions().inTransaction(() -> store().delete(r.guid())), "deleting twice finds nothing the second time");
    }

    @Test
    void reads_many_at_once_the_stored_ones_expired_or_not_and_leaves_out_the_rest() {
        GuidRecord live = record(2_000_000_000L, "live");
        GuidRecord old = record(1_000, "old");
        GuidRecord unknown = record(2_000_000_000L, "never stored");
        transactions().run(() -> store().insertIfAbsent(live));
        transactions().run(() -> store().insertIfAbsent(old));
        assertEquals(Map.of(live.guid(), live, old.guid(), old),
                store().findAll(Set.of(live.guid(), old.guid(), unknown.guid())));
        assertEquals(Map.of(live.guid(), live), store().findAll(Set.of(live.guid())));
        assertEquals(Map.of(), store().findAll(Set.of(unknown.guid())));
    }

    @Test
    void stores_many_at_once_and_leaves_out_those_already_stored() {
        GuidRecord there = record(2_000_000_000L, "there");
        transactions().run(() -> store().insertIfAbsent(there));
        GuidRecord a = record(2_000_000_001L, "a");
        GuidRecord b = record(1_000, "b");
        GuidRecord again = new GuidRecord(there.guid(), new Expiry(2_000_000_002L), new Owner("again"));
        assertEquals(java.util.Set.of(a.guid(), b.guid()),
                transactions().inTransaction(() -> store().insertAllIfAbsent(java.util.List.of(a, again, b))));
        assertEquals(Optional.of(a), transactions().inTransaction(() -> store().find(a.guid())));
        assertEquals(Optional.of(b), transactions().inTransaction(() -> store().find(b.guid())));
        assertEquals(Optional.of(there), transactions().inTransaction(() -> store().find(there.guid())), "left as it was");
    }

    @Test
    void expired_records_are_still_found_until_purged() {
        GuidRecord old = record(1_000, "old");
        transactions().run(() -> store().insertIfAbsent(old));
        assertEquals(old, store().find(old.guid()).orElseThrow(), "expiry is the use case's rule, not the store's");
    }

    @Test
    void purges_expired_records_in_bounded_batches_and_keeps_live_ones() {
        for (int i = 0; i < 7; i++) {
            GuidRecord expired = record(1_000 + i, "old");
            transactions().run(() -> store().insertIfAbsent(expired));
        }
        GuidRecord live = record(5_000, "new");
        GuidRecord atTheSecond = record(1_007, "expires at now");
        transactions().run(() -> store().insertIfAbsent(live));
        transactions().run(() -> store().insertIfAbsent(atTheSecond));
        Instant now = Instant.ofEpochSecond(1_007);
        assertEquals(5, transactions().inTransaction(() -> store().deleteExpired(now, 5)));
        assertEquals(3, transactions().inTransaction(() -> store().deleteExpired(now, 5)), "an expiry at now counts as expired");
        assertEquals(0, transactions().inTransaction(() -> store().deleteExpired(now, 5)));
        assertTrue(store().find(live.guid()).isPresent());
        assertTrue(store().find(atTheSecond.guid()).isEmpty());
    }
}

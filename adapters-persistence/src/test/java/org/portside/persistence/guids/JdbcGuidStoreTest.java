package org.portside.persistence.guids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.port.out.Transactions;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;
import org.portside.persistence.shared.CleanDatabase;
import org.portside.persistence.shared.Database;

/** The GUID store on a real PostgreSQL. */
@MicronautTest(transactional = false)
class JdbcGuidStoreTest {

    @Inject
    JdbcGuidStore store;
    @Inject
    Transactions transactions;
    @Inject
    Database database;

    @BeforeEach
    void clean() {
        CleanDatabase.truncateAll(database);
    }

    static GuidRecord record(long expire, String owner) {
        return new GuidRecord(Guid.of(UUID.randomUUID()), new Expiry(expire), new Owner(owner));
    }

    @Test
    void stores_reads_overwrites_and_deletes() {
        GuidRecord r = record(2_000_000_000L, "Cylance, Inc.");
        assertTrue(transactions.inTransaction(() -> store.insertIfAbsent(r)));
        assertFalse(transactions.inTransaction(() -> store.insertIfAbsent(r)), "a second insert is refused");
        assertEquals(r, store.find(r.guid()).orElseThrow());
        GuidRecord changed = new GuidRecord(r.guid(), new Expiry(2_100_000_000L), new Owner("ünïcødé 😀"));
        transactions.run(() -> store.update(changed));
        assertEquals(changed, transactions.inTransaction(() -> store.findForUpdate(r.guid())).orElseThrow());
        assertTrue(transactions.inTransaction(() -> store.delete(r.guid())));
        assertTrue(store.find(r.guid()).isEmpty());
        assertFalse(transactions.inTransaction(() -> store.delete(r.guid())));
    }

    @Test
    void purges_expired_rows_in_bounded_batches() {
        for (int i = 0; i < 7; i++) {
            GuidRecord expired = record(1_000 + i, "old");
            transactions.run(() -> store.insertIfAbsent(expired));
        }
        GuidRecord live = record(5_000, "new");
        transactions.run(() -> store.insertIfAbsent(live));
        Instant now = Instant.ofEpochSecond(1_006);
        assertEquals(5, transactions.inTransaction(() -> store.deleteExpired(now, 5)));
        assertEquals(2, transactions.inTransaction(() -> store.deleteExpired(now, 5)), "expire_at <= now counts as expired");
        assertEquals(0, transactions.inTransaction(() -> store.deleteExpired(now, 5)));
        assertTrue(store.find(live.guid()).isPresent());
    }
}

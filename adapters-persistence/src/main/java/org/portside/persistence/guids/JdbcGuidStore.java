package org.portside.persistence.guids;

import jakarta.inject.Singleton;
import org.portside.persistence.shared.TranslatesOutages;
import java.time.Instant;
import java.util.Optional;
import org.portside.application.guids.port.out.GuidStore;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;

@Singleton
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcGuidStore implements GuidStore {

    private final GuidRows rows;

    JdbcGuidStore(GuidRows rows) {
        this.rows = rows;
    }

    @Override
    public Optional<GuidRecord> find(Guid guid) {
        return rows.findById(guid.value()).map(JdbcGuidStore::toRecord);
    }

    @Override
    public Optional<GuidRecord> findForUpdate(Guid guid) {
        return rows.findByIdForUpdate(guid.value()).map(JdbcGuidStore::toRecord);
    }

    @Override
    public boolean insertIfAbsent(GuidRecord record) {
        return rows.insertIfAbsent(record.guid().value(), record.expire().epochSecond(), record.owner().value()) > 0;
    }

    @Override
    public void update(GuidRecord record) {
        if (rows.overwrite(record.guid().value(), record.expire().epochSecond(), record.owner().value()) == 0) {
            throw new IllegalStateException("GUID " + record.guid() + " vanished inside its own transaction");
        }
    }

    @Override
    public boolean delete(Guid guid) {
        return rows.deleteByGuid(guid.value()) > 0;
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return (int) rows.deleteExpired(now.getEpochSecond(), limit);
    }

    private static GuidRecord toRecord(GuidRow row) {
        return new GuidRecord(new Guid(row.guid()), new Expiry(row.expireAt()), new Owner(row.owner()));
    }
}

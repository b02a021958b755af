package org.portside.application.guids.inmemory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.portside.application.guids.port.out.GuidStore;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;

/** GUIDs in memory; with {@link org.portside.application.shared.inmemory.InMemoryTransactions}. */
public final class InMemoryGuidStore implements GuidStore {

    private final Map<Guid, GuidRecord> records = new ConcurrentHashMap<>();

    @Override
    public Optional<GuidRecord> find(Guid guid) {
        return Optional.ofNullable(records.get(guid));
    }

    @Override
    public Optional<GuidRecord> findForUpdate(Guid guid) {
        return find(guid);
    }

    @Override
    public boolean insertIfAbsent(GuidRecord record) {
        return records.putIfAbsent(record.guid(), record) == null;
    }

    @Override
    public void update(GuidRecord record) {
        records.put(record.guid(), record);
    }

    @Override
    public boolean delete(Guid guid) {
        return records.remove(guid) != null;
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        List<Guid> expired = records.values().stream().filter(r -> r.isExpiredAt(now)).limit(limit)
                .map(GuidRecord::guid).toList();
        expired.forEach(records::remove);
        return expired.size();
    }

    public int size() {
        return records.size();
    }
}

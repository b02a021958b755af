package org.portside.application.guids.port.out;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;

/** Where GUIDs live: the source of truth. Blocking; the service calls it off the request thread. */
public interface GuidStore {

    /** The stored record, expired or not. */
    Optional<GuidRecord> find(Guid guid);

    /**
     * The stored records of those of {@code guids} that are stored, expired or not, read at one
     * moment. One call for many reads; this default asks {@link #find} for each.
     */
    default Map<Guid, GuidRecord> findAll(Set<Guid> guids) {
        Map<Guid, GuidRecord> found = new HashMap<>();
        for (Guid guid : guids) {
            find(guid).ifPresent(record -> found.put(guid, record));
        }
        return found;
    }

    /** Like {@link #find}, and keeps the row from changing until the transaction ends. */
    Optional<GuidRecord> findForUpdate(Guid guid);

    /** @return false, storing nothing, if the GUID is already stored (also by a concurrent insert) */
    boolean insertIfAbsent(GuidRecord record);

    /**
     * {@link #insertIfAbsent} for records of distinct GUIDs at once: those already stored are left
     * out. An adapter may store them with one statement (PostgreSQL does, and commits them together).
     *
     * @return the GUIDs stored
     */
    default Set<Guid> insertAllIfAbsent(List<GuidRecord> records) {
        Set<Guid> stored = new HashSet<>();
        for (GuidRecord record : records) {
            if (insertIfAbsent(record)) {
                stored.add(record.guid());
            }
        }
        return stored;
    }

    /** Overwrites the stored record with the same GUID. */
    void update(GuidRecord record);

    /** @return false if there was no such GUID */
    boolean delete(Guid guid);

    /** Deletes up to {@code limit} records whose expiry is at or before {@code now}; returns how many. */
    int deleteExpired(Instant now, int limit);
}

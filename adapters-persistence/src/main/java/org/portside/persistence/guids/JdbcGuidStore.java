package org.portside.persistence.guids;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portside.application.guids.port.out.GuidStore;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;
import org.portside.persistence.shared.TranslatesOutages;

/** GUIDs in {@code guids}: one prepared statement per call, on the transaction's connection when there is one. */
@Singleton
@Connectable // reads outside a transaction get a connection of their own; inside one, they join it
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcGuidStore implements GuidStore {

    private static final String FIND = "SELECT guid, expire_at, owner FROM guids WHERE guid = ?";
    private static final String FIND_ALL = "SELECT guid, expire_at, owner FROM guids WHERE guid = ANY (?)";

    private final JdbcOperations jdbc;

    JdbcGuidStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<GuidRecord> find(Guid guid) {
        return one(FIND, guid);
    }

    /** One statement for all of them: a GUID read that arrived with others shares their round trip. */
    @Override
    public Map<Guid, GuidRecord> findAll(Set<Guid> guids) {
        return jdbc.prepareStatement(FIND_ALL, statement -> {
            String[] values = guids.stream().map(Guid::value).toArray(String[]::new);
            statement.setArray(1, statement.getConnection().createArrayOf("bpchar", values));
            Map<Guid, GuidRecord> found = new HashMap<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    GuidRecord record = record(row);
                    found.put(record.guid(), record);
                }
            }
            return found;
        });
    }

    /** Locks and reads at once, until the transaction ends. */
    @Override
    public Optional<GuidRecord> findForUpdate(Guid guid) {
        return one(FIND + " FOR UPDATE", guid);
    }

    @Override
    public boolean insertIfAbsent(GuidRecord record) {
        return write("INSERT INTO guids (expire_at, owner, guid) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", record) > 0;
    }

    /** One statement for all of them: registrations that arrived together share its round trip and commit. */
    @Override
    public Set<Guid> insertAllIfAbsent(List<GuidRecord> records) {
        return jdbc.prepareStatement("INSERT INTO guids (expire_at, owner, guid) "
                + "SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS varchar[]), CAST(? AS bpchar[])) "
                + "ON CONFLICT DO NOTHING RETURNING guid", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("int8",
                    records.stream().map(r -> r.expire().epochSecond()).toArray(Long[]::new)));
            statement.setArray(2, statement.getConnection().createArrayOf("varchar",
                    records.stream().map(r -> r.owner().value()).toArray(String[]::new)));
            statement.setArray(3, statement.getConnection().createArrayOf("bpchar",
                    records.stream().map(r -> r.guid().value()).toArray(String[]::new)));
            Set<Guid> stored = new HashSet<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    stored.add(new Guid(row.getString(1)));
                }
            }
            return stored;
        });
    }

    @Override
    public void update(GuidRecord record) {
        if (write("UPDATE guids SET expire_at = ?, owner = ? WHERE guid = ?", record) == 0) {
            throw new IllegalStateException("GUID " + record.guid() + " vanished inside its own transaction");
        }
    }

    @Override
    public boolean delete(Guid guid) {
        return jdbc.prepareStatement("DELETE FROM guids WHERE guid = ?", statement -> {
            statement.setString(1, guid.value());
            return statement.executeUpdate();
        }) > 0;
    }

    /** One bounded batch; SKIP LOCKED so that several instances purging at once do not queue up. */
    @Override
    public int deleteExpired(Instant now, int limit) {
        return jdbc.prepareStatement("DELETE FROM guids WHERE guid IN "
                + "(SELECT guid FROM guids WHERE expire_at <= ? LIMIT ? FOR UPDATE SKIP LOCKED)", statement -> {
            statement.setLong(1, now.getEpochSecond());
            statement.setInt(2, limit);
            return statement.executeUpdate();
        });
    }

    private Optional<GuidRecord> one(String sql, Guid guid) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, guid.value());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(record(row)) : Optional.<GuidRecord>empty();
            }
        });
    }

    private static GuidRecord record(ResultSet row) throws SQLException {
        return new GuidRecord(new Guid(row.getString(1)), new Expiry(row.getLong(2)), new Owner(row.getString(3)));
    }

    private int write(String sql, GuidRecord record) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setLong(1, record.expire().epochSecond());
            statement.setString(2, record.owner().value());
            statement.setString(3, record.guid().value());
            return statement.executeUpdate();
        });
    }
}

package org.portside.persistence.shared;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.portside.application.shared.port.in.IdempotentRequests;
import org.portside.application.shared.port.out.IdempotencyStore;

/**
 * Idempotency keys in {@code idempotency_keys}. The lock is a transaction-scoped advisory lock on a
 * 64-bit hash of scope and key, taken with {@code pg_try_advisory_xact_lock}: a second request with
 * the key is refused at once instead of queueing behind the first, and the lock ends with the
 * transaction however it ends. (A hash collision only makes two keys wait for each other.)
 */
@Singleton
@Connectable
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcIdempotencyStore implements IdempotencyStore {

    private final JdbcOperations jdbc;

    JdbcIdempotencyStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean tryLock(String scope, String key) {
        return jdbc.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended(? || chr(10) || ?, 0))", statement -> {
            statement.setString(1, scope);
            statement.setString(2, key);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        });
    }

    @Override
    public void release(String scope, String key) {
        // the advisory lock ended with the transaction
    }

    @Override
    public Optional<Kept> find(String scope, String key, Instant now) {
        return jdbc.prepareStatement("SELECT fingerprint, status, body, header_names, header_values FROM idempotency_keys "
                + "WHERE scope = ? AND key = ? AND expires_at > ?", statement -> {
            statement.setString(1, scope);
            statement.setString(2, key);
            statement.setTimestamp(3, Timestamp.from(now));
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.<Kept>empty();
                }
                String[] names = (String[]) row.getArray(4).getArray();
                String[] values = (String[]) row.getArray(5).getArray();
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 0; i < names.length; i++) {
                    headers.put(names[i], values[i]);
                }
                return Optional.of(new Kept(row.getString(1), new IdempotentRequests.Answer(row.getInt(2), row.getString(3), headers)));
            }
        });
    }

    @Override
    public void save(String scope, String key, Kept kept, Instant expires) {
        String[] names = kept.answer().headers().keySet().toArray(String[]::new);
        String[] values = kept.answer().headers().values().toArray(String[]::new);
        jdbc.prepareStatement("INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, header_names, header_values, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, "
                + "status = excluded.status, body = excluded.body, header_names = excluded.header_names, "
                + "header_values = excluded.header_values, expires_at = excluded.expires_at", statement -> {
            statement.setString(1, scope);
            statement.setString(2, key);
            statement.setString(3, kept.fingerprint());
            statement.setInt(4, kept.answer().status());
            statement.setString(5, kept.answer().body());
            statement.setArray(6, statement.getConnection().createArrayOf("text", names));
            statement.setArray(7, statement.getConnection().createArrayOf("text", values));
            statement.setTimestamp(8, Timestamp.from(expires));
            return statement.executeUpdate();
        });
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        return jdbc.prepareStatement("DELETE FROM idempotency_keys WHERE (scope, key) IN "
                + "(SELECT scope, key FROM idempotency_keys WHERE expires_at <= ? LIMIT ? FOR UPDATE SKIP LOCKED)", statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setInt(2, limit);
            return statement.executeUpdate();
        });
    }
}

package org.portside.persistence.shared;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Row locks taken inside the current transaction. Plain JDBC on purpose: Micronaut Data classifies
 * a raw {@code SELECT … FOR NO KEY UPDATE} as an UPDATE statement and fails on its result set.
 */
@Singleton
public final class RowLocks {

    private final JdbcOperations jdbc;

    RowLocks(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the row {@code selectForLock} finds by {@code key}, then reads it with {@code read}; empty,
     * without reading, when there is no such row.
     */
    public <T> Optional<T> lockThenRead(String selectForLock, String key, Supplier<Optional<T>> read) {
        return lock(selectForLock, key) ? read.get() : Optional.empty();
    }

    /**
     * Runs a one-parameter {@code SELECT … FOR …} and reports whether it found (and so locked) a row.
     */
    public boolean lock(String selectForLock, String key) {
        return jdbc.prepareStatement(selectForLock, statement -> {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }
}

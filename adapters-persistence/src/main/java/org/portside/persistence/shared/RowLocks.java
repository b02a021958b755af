package org.portside.persistence.shared;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;

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

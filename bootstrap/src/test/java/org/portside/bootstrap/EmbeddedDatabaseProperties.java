package org.portside.bootstrap;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;

/**
 * Runs an API contract on the zero-configuration default, the embedded PostgreSQL, even where the
 * other end-to-end tests use a configured server (CI does): both databases see every row and rule.
 */
interface EmbeddedDatabaseProperties extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        return Map.of("datasources.default.url", "",
                "portside.database.embedded.data-dir", "target/embedded-postgres-default");
    }
}

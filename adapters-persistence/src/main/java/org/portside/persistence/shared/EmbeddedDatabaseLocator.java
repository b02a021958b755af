package org.portside.persistence.shared;

import io.micronaut.context.BootstrapContextAccess;
import io.micronaut.context.annotation.BootstrapContextCompatible;
import io.micronaut.context.env.BootstrapPropertySourceLocator;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The zero-configuration default, decided before the application context starts: with no
 * {@code datasources.default.url} configured, the embedded PostgreSQL is started here and its URL is
 * handed to the framework as configuration, so micronaut-jdbc-hikari builds the pool and
 * micronaut-flyway migrates it exactly as it would for a configured server.
 *
 * <p>Micronaut asks bootstrap property-source locators for configuration while the main context's
 * environment starts (the mechanism distributed-configuration clients use); nothing later could
 * still change the data source's URL. The started server is registered in the main context, which
 * stops it when it stops.
 */
@Singleton
@BootstrapContextCompatible
final class EmbeddedDatabaseLocator implements BootstrapPropertySourceLocator {

    static final String URL = "datasources.default.url";
    static final String DATA_DIR = "portside.database.embedded.data-dir";
    static final String DESCRIPTION = "portside.database.embedded.description";
    /** Above every configured source: it is only consulted when none of them names a URL. */
    private static final int PRIORITY = Integer.MAX_VALUE - 1;

    private final BootstrapContextAccess mainContext;

    EmbeddedDatabaseLocator(BootstrapContextAccess mainContext) {
        this.mainContext = mainContext;
    }

    @Override
    public Iterable<PropertySource> findPropertySources(Environment environment) {
        String configured = environment.getProperty(URL, String.class).orElse("");
        if (!configured.isBlank()) {
            return List.of();
        }
        Path dataDirectory = Path.of(environment.getProperty(DATA_DIR, String.class).orElse("data/postgres"));
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory);
        mainContext.getMainRegistry().registerSingleton(EmbeddedDatabase.class, new EmbeddedDatabase(server));
        return List.of(PropertySource.of("portside-embedded-database", Map.of(
                URL, server.jdbcUrl(),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                DESCRIPTION, server.describe()), PRIORITY));
    }
}

package org.portside.persistence.shared;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one database the service talks to: the configured PostgreSQL, or else the embedded one. The
 * pool is only handed out after Flyway has brought the schema up to date, so no repository ever
 * sees an old schema.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final EmbeddedPostgresServer embedded;
    private final String description;
    private final String url;

    private Database(HikariDataSource dataSource, EmbeddedPostgresServer embedded, String description, String url) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.description = description;
        this.url = url;
    }

    static Database open(DatabaseSettings settings, Path embeddedDataDirectory) {
        EmbeddedPostgresServer embedded = null;
        String url;
        String user;
        String password;
        String description;
        if (settings.isExternal()) {
            url = settings.getUrl();
            user = settings.getUsername();
            password = settings.getPassword();
            description = "external PostgreSQL at " + withoutSecrets(url);
        } else {
            embedded = EmbeddedPostgresServer.start(embeddedDataDirectory);
            url = embedded.jdbcUrl();
            user = "postgres";
            password = "";
            description = embedded.describe();
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("portside-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(settings.getMaximumPoolSize());
        config.setConnectionTimeout(settings.getConnectionTimeoutMillis());
        config.setAutoCommit(true);
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(config);
            var result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("Database schema at version {} ({} migration(s) applied now)",
                    result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                    result.migrationsExecuted);
            return new Database(pool, embedded, description, url);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** The JDBC URL without user info or query parameters, which may carry a password. */
    static String withoutSecrets(String url) {
        String noQuery = url.split("\\?", 2)[0];
        return noQuery.replaceFirst("//[^/@]*@", "//");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL in use (of the embedded server too), e.g. for a second instance to share it. */
    public String url() {
        return url;
    }

    /** One line for the start-up log and health details: which database, where. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}

package org.portside.persistence.shared;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import javax.sql.DataSource;

@Factory
class DatabaseFactory {

    /** Eager: the service fails at start-up, not on its first request, if the database cannot be had. */
    @Context
    @Bean(preDestroy = "close")
    Database database(DatabaseSettings settings,
                      @Value("${portside.database.embedded.data-dir:data/postgres}") String embeddedDataDirectory) {
        return Database.open(settings, Path.of(embeddedDataDirectory));
    }

    /**
     * The data source Micronaut Data, its transaction manager and the JDBC health check use; it
     * refuses to hand out connections on event-loop threads.
     */
    @Singleton
    @Named("default")
    DataSource dataSource(Database database) {
        return new EventLoopGuardDataSource(database.dataSource());
    }
}

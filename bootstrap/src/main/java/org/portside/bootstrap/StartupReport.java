package org.portside.bootstrap;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.portside.cache.shared.CacheBackend;
import org.portside.persistence.shared.DatabaseInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says in one line, once the server listens, where it listens and which database and cache it uses. */
@Singleton
final class StartupReport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    private final DatabaseInfo database;
    private final CacheBackend cache;

    StartupReport(DatabaseInfo database, CacheBackend cache) {
        this.database = database;
        this.cache = cache;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        LOG.info("portside listening on {} | database: {} | cache: {}",
                event.getSource().getURL(), database.description(), cache.description());
    }
}

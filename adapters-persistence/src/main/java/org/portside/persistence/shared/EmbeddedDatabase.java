package org.portside.persistence.shared;

import io.micronaut.context.LifeCycle;

/** The running embedded PostgreSQL, as a bean of the main context, stopped when the context stops. */
public final class EmbeddedDatabase implements LifeCycle<EmbeddedDatabase> {

    private final EmbeddedPostgresServer server;
    private volatile boolean running = true;

    EmbeddedDatabase(EmbeddedPostgresServer server) {
        this.server = server;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public EmbeddedDatabase stop() {
        if (running) {
            running = false;
            server.close();
        }
        return this;
    }
}

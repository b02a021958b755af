package org.portside.bootstrap;

import io.micronaut.runtime.Micronaut;

/** Starts portside: the HTTP server, the database (external or embedded) and the cache. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}

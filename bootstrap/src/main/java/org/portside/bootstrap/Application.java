package org.portside.bootstrap;

import io.micronaut.runtime.Micronaut;

/** Starts portside: the HTTP server, the database (external or embedded) and the cache. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            try {
                System.out.println(TokenCommand.run(args, System.getenv(), java.time.Instant.now()));
            } catch (IllegalArgumentException e) {
                System.err.println("portside token: " + e.getMessage());
                System.exit(2);
            }
            return;
        }
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}

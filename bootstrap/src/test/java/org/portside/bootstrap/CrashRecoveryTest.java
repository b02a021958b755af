package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portside.rest.shared.Http;

/**
 * A portside killed outright (SIGKILL) leaves its embedded PostgreSQL running on the data
 * directory. The next start must take the directory back and find every committed change.
 */
class CrashRecoveryTest {

    @TempDir
    Path dataDir;

    @Test
    void after_a_kill_the_next_start_recovers_the_embedded_database_with_nothing_lost() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Application.class.getName());
        builder.environment().remove("DATASOURCES_DEFAULT_URL");
        builder.environment().remove("REDIS_URI");
        builder.environment().put("PORTSIDE_DATABASE_EMBEDDED_DATA_DIR", dataDir.toString());
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        builder.redirectErrorStream(true).redirectOutput(new File(dataDir.toFile().getParentFile(), "crash-child.log"));
        Process child = builder.start();
        try {
            Http http = new Http(URI.create("http://localhost:" + port));
            Instant deadline = Instant.now().plusSeconds(60);
            while (!answers(http) && Instant.now().isBefore(deadline)) {
                assertTrue(child.isAlive(), "the child service died while starting");
                Thread.sleep(200);
            }
            assertEquals(201, http.post("/users", "{\"first_name\":\"A\",\"last_name\":\"B\",\"userid\":\"survivor\"}").status());
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL keeps running
            child.waitFor(10, TimeUnit.SECONDS);
        }

        try (ApplicationContext restarted = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", "",
                "portside.database.embedded.data-dir", dataDir.toString(),
                "micronaut.server.port", -1), "test").getApplicationContext()) {
            Http http = new Http(restarted.getBean(EmbeddedServer.class).getURI());
            assertEquals("survivor", http.get("/users/survivor").object().get("userid"));
        }
    }

    private static boolean answers(Http http) {
        try {
            return http.get("/health").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portside.persistence.shared.DatabaseInfo;
import org.portside.rest.shared.Http;

/**
 * The zero-configuration default: no database URL means an embedded PostgreSQL whose data lives in
 * a directory and survives a restart, for all three APIs. Forced here even where the tests otherwise use an external
 * server (CI), so the default is always exercised.
 */
class EmbeddedDefaultTest {

    @TempDir
    Path dataDir;

    String taskId;

    private ApplicationContext start() {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", "",
                "portside.database.embedded.data-dir", dataDir.toString(),
                "micronaut.server.port", -1), "test").getApplicationContext();
    }

    @Test
    void data_written_before_a_restart_is_there_after_it() {
        try (ApplicationContext first = start()) {
            assertTrue(first.getBean(DatabaseInfo.class).description().startsWith("embedded PostgreSQL"),
                    first.getBean(DatabaseInfo.class).description());
            Http http = new Http(first.getBean(EmbeddedServer.class).getURI());
            assertEquals(201, http.post("/users", "{\"first_name\":\"Joe\",\"last_name\":\"Smith\","
                    + "\"userid\":\"jsmith\",\"groups\":[\"admins\"]}").status());
            assertEquals(201, http.post("/guid/9094E4C980C74043A4B586B420E69DDF", "{\"user\":\"Cylance, Inc.\"}").status());
            Http.Response task = http.post("/api/tasks", "{\"start\":\"2099-01-01T00:00:00Z\",\"worker\":\"w1\",\"payload\":{\"k\":[1]}}");
            assertEquals(201, task.status(), task::toString);
            taskId = (String) task.object().get("id");
        }
        assertTrue(Files.exists(dataDir.resolve("PG_VERSION")), "PostgreSQL's files are in the data directory");
        try (ApplicationContext second = start()) {
            Http http = new Http(second.getBean(EmbeddedServer.class).getURI());
            Http.Response user = http.get("/users/jsmith");
            assertEquals(200, user.status(), user::toString);
            assertEquals(List.of("jsmith"), http.get("/groups/admins").list());
            assertEquals("Cylance, Inc.", http.get("/guid/9094E4C980C74043A4B586B420E69DDF").object().get("user"));
            assertEquals(Map.of("k", List.of(1)), http.get("/api/tasks/" + taskId).object().get("payload"));
        }
    }
}

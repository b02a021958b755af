package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A database-work setting below 1 stops the start with its variable's name, instead of a 500 at the first request. */
class DatabaseWorkSettingsTest {

    @ParameterizedTest(name = "{0} = 0")
    @CsvSource({
            "portside.database.read-batch, PORTSIDE_DATABASE_READ_BATCH",
            "portside.database.read-drains, PORTSIDE_DATABASE_READ_DRAINS",
            "portside.database.write-batch, PORTSIDE_DATABASE_WRITE_BATCH",
            "portside.database.write-drains, PORTSIDE_DATABASE_WRITE_DRAINS",
            "portside.database.work-queue, PORTSIDE_DATABASE_WORK_QUEUE"})
    void a_count_below_one_is_refused_at_start_up(String property, String variable) {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> {
            try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class,
                    Map.of("micronaut.server.port", -1, property, 0), "test").getApplicationContext()) {
                context.getBean(EmbeddedServer.class);
            }
        });
        String messages = "";
        for (Throwable t = refused; t != null; t = t.getCause()) {
            messages += t.getMessage() + "\n";
        }
        assertTrue(messages.contains(variable + " must be at least 1, was 0"), messages);
    }
}

package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portside.rest.shared.Http;

/**
 * One concurrency model for the three contexts: database work runs on one pool with as many threads
 * as connections and a bounded queue; what does not fit is refused at once with 503 and Retry-After,
 * instead of piling up in memory, and what was taken is served once the database can. Point reads
 * (a user, a GUID the cache missed) wait for that pool in their own queue, bounded the same way.
 */
class OverloadTest {

    static final int CONNECTIONS = 2;
    static final int QUEUE = 2;

    static final String SECRET = "a shared secret of at least thirty-two bytes, for the overload test";

    /** With and without a key: with one, the security filter runs in front of the routes, without one it is skipped. */
    @ParameterizedTest(name = "authentication {0}")
    @ValueSource(booleans = {false, true})
    void a_full_work_queue_answers_503_with_retry_after_in_every_context_and_the_rest_is_served(boolean authenticated) throws Exception {
        String unknownGuid = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        // one request per pool task: writes and the reads that are not batched
        overload(authenticated, new String[] {"DELETE /users/nobody", "GET /groups/nobody",
                "GET /api/tasks/" + UUID.randomUUID(), "DELETE /guid/" + unknownGuid}, CONNECTIONS + QUEUE);
    }

    @ParameterizedTest(name = "authentication {0}")
    @ValueSource(booleans = {false, true})
    void point_reads_beyond_their_queue_are_refused_at_once_and_the_rest_is_served(boolean authenticated) throws Exception {
        String unknownGuid = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        // each kind of read may have as many unanswered as the work queue holds; their statements
        // (at most one of each kind at once by default) fit in the pool's threads and queue
        overload(authenticated, new String[] {"GET /users/nobody", "GET /guid/" + unknownGuid}, 2 * QUEUE);
    }

    private void overload(boolean authenticated, String[] requests, int servable) throws Exception {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "datasources.default.maximum-pool-size", CONNECTIONS,
                "datasources.default.connection-timeout", 20_000,
                "portside.database.work-queue", QUEUE));
        Map<String, String> headers = new HashMap<>();
        if (authenticated) {
            properties.put("portside.auth.jwt-secret", SECRET);
            headers.put("Authorization", "Bearer " + TokenCommand.run(new String[] {"token", "--scope", "admin"},
                    Map.of("PORTSIDE_AUTH_JWT_SECRET", SECRET), Instant.now()));
        }
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties, "test").getApplicationContext()) {
            Http http = new Http(context.getBean(EmbeddedServer.class).getURI());
            DataSource database = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
            List<Connection> held = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(12);
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    held.add(database.getConnection()); // every connection taken: the pool's threads will wait
                }
                List<Future<Http.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String[] request = requests[i % requests.length].split(" ");
                    answers.add(clients.submit(() -> http.sendWithHeaders(request[0], request[1], null, headers)));
                }
                // what does not fit is refused at once; wait for those refusals (nothing can be served
                // before the connections are released, so a late request still finds the pool full)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (answers.stream().filter(Future::isDone).count() < 12 - servable && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                held.forEach(OverloadTest::close); // the database is back: what was taken gets served
                held.clear();
                int refused = 0;
                int served = 0;
                for (Future<Http.Response> answer : answers) {
                    Http.Response r = answer.get(30, TimeUnit.SECONDS);
                    if (r.status() == 503) {
                        refused++;
                        assertEquals("1", r.header("Retry-After").orElse(""), r::toString);
                        assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
                    } else {
                        assertEquals(404, r.status(), () -> "taken, then served: " + r);
                        served++;
                    }
                }
                assertEquals(servable, served, "as many as the pool's threads and queue hold are served");
                assertEquals(12 - servable, refused, "the rest is refused at once");
            } finally {
                clients.shutdownNow();
                held.forEach(OverloadTest::close);
            }
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

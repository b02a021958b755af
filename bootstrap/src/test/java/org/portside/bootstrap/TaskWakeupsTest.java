package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.inmemory.MutableClock;
import org.portside.persistence.shared.DatabaseInfo;
import org.portside.rest.shared.Http;

/**
 * Long polls wake within a second of a task of their worker becoming due, wherever it was written:
 * through another instance (which announces it after its commit, not from the writing transaction),
 * or outside portside altogether (the trigger). portside's own connections leave notifying to it.
 */
class TaskWakeupsTest {

    @Test
    void a_task_created_through_another_instance_wakes_a_long_poll_within_a_second() throws Exception {
        try (EmbeddedServer a = ApplicationContext.run(EmbeddedServer.class, Map.of(), "test")) {
            Map<String, Object> second = new HashMap<>();
            second.put("datasources.default.url", a.getApplicationContext().getBean(DatabaseInfo.class).url());
            try (EmbeddedServer b = ApplicationContext.run(EmbeddedServer.class, second, "test")) {
                listening(a);
                String worker = "w-" + UUID.randomUUID();
                CompletableFuture<Http.Response> poll = longPoll(new Http(a.getURI()), worker);
                Thread.sleep(300);
                assertFalse(poll.isDone(), "nothing is due: it waits");
                // each instance has a clock of its own that only the test moves: B's says when the task
                // starts (a second from its now), A's makes it due then, well within the poll's 20 s
                MutableClock onA = a.getApplicationContext().getBean(MutableClock.class);
                Instant start = b.getApplicationContext().getBean(MutableClock.class).instant().plusSeconds(1);
                onA.set(start.plusSeconds(1));
                Http.Response answer = new Http(b.getURI()).post("/api/tasks", "{\"start\":\"" + start
                        + "\",\"worker\":\"" + worker + "\"}");
                long created = System.nanoTime();
                assertEquals(201, answer.status(), answer::toString);
                String id = (String) answer.object().get("id");
                assertAnsweredWithin(1_000, created, poll, id);
            }
        }
    }

    @Test
    void a_task_made_due_outside_portside_wakes_a_long_poll_within_a_second() throws Exception {
        try (EmbeddedServer a = ApplicationContext.run(EmbeddedServer.class, Map.of(), "test")) {
            listening(a);
            String worker = "w-" + UUID.randomUUID();
            CompletableFuture<Http.Response> poll = longPoll(new Http(a.getURI()), worker);
            Thread.sleep(300);
            assertFalse(poll.isDone(), "nothing is due: it waits");
            String id = insertedByHand(a, worker);
            assertAnsweredWithin(1_000, System.nanoTime(), poll, id);
        }
    }

    @Test
    void portsides_own_connections_leave_notifying_to_portside() throws SQLException {
        try (ApplicationContext context = ApplicationContext.run(Map.of(), "test");
             Connection pooled = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class)).getConnection();
             Statement statement = pooled.createStatement();
             ResultSet setting = statement.executeQuery("SELECT current_setting('portside.task_due_notify', true)")) {
            assertTrue(setting.next());
            assertEquals("off", setting.getString(1));
        }
    }

    /**
     * Once the instance listens for notifications: its listener connects with the first long poll
     * and then wakes every waiter (a notification sent before that was missed), so a long poll for a
     * task already due answers then at the latest.
     */
    private static void listening(EmbeddedServer instance) throws Exception {
        String worker = "w-first-" + UUID.randomUUID();
        CompletableFuture<Http.Response> first = longPoll(new Http(instance.getURI()), worker);
        Thread.sleep(100);
        String id = insertedByHand(instance, worker);
        assertEquals(List.of(id), ids(first.get(10, TimeUnit.SECONDS)));
    }

    /** A due task of {@code worker} written outside portside, committed. */
    private static String insertedByHand(EmbeddedServer instance, String worker) throws SQLException {
        String id = UUID.randomUUID().toString();
        ApplicationContext context = instance.getApplicationContext();
        try (Connection byHand = DriverManager.getConnection(context.getBean(DatabaseInfo.class).url(),
                context.getProperty("datasources.default.username", String.class).orElse("postgres"),
                context.getProperty("datasources.default.password", String.class).orElse(""));
             PreparedStatement insert = byHand.prepareStatement("INSERT INTO tasks (id, start_at, title, worker, status, payload, version) "
                     + "VALUES (CAST(? AS uuid), now() - interval '1 minute', 'by hand', ?, 'SCHEDULED', '{}', 1)")) {
            insert.setString(1, id);
            insert.setString(2, worker);
            assertEquals(1, insert.executeUpdate()); // committed: the connection is in auto-commit
        }
        return id;
    }

    private static List<Object> ids(Http.Response answer) {
        assertEquals(200, answer.status(), answer::toString);
        return answer.list().stream().map(task -> (Object) ((Map<?, ?>) task).get("id")).toList();
    }

    private static CompletableFuture<Http.Response> longPoll(Http http, String worker) {
        return CompletableFuture.supplyAsync(() -> http.post("/api/tasks/claim",
                "{\"worker\":\"" + worker + "\",\"limit\":5,\"wait_seconds\":20}"));
    }

    private static void assertAnsweredWithin(long millis, long since, CompletableFuture<Http.Response> poll, String id) throws Exception {
        Http.Response answer = poll.get(10, TimeUnit.SECONDS);
        long took = (System.nanoTime() - since) / 1_000_000;
        assertEquals(List.of(id), ids(answer));
        assertTrue(took < millis, "answered " + took + " ms after the task became due");
    }
}

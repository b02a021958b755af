package org.portside.persistence.tasks;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.portside.application.tasks.port.out.TaskWakeups;
import org.portside.domain.tasks.Worker;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups from PostgreSQL: {@code LISTEN portside_task_due} on a connection of its own (not one of
 * the pool's), fed with the worker of every task stored SCHEDULED, by any instance. The listening
 * thread starts with the first waiter; when its connection breaks it wakes every waiter (they look
 * again themselves) and reconnects.
 *
 * <p>Who sends: portside's own writes are {@linkplain #announce announced} by {@link JdbcTaskStore}
 * once committed, and a thread of this class sends them, each worker once for whatever was announced
 * meanwhile, in one statement on a connection of its own that does not wait for the disk
 * ({@code synchronous_commit = off}: a lost notification only costs a waiter its next re-check). A
 * NOTIFY in the writing transaction itself would hold PostgreSQL's notification lock until that
 * transaction reached the disk, so that writers of due tasks committed one at a time (V8). Writes
 * from outside portside still notify through the trigger.
 */
@Singleton
final class PgTaskWakeups implements TaskWakeups {

    private static final Logger LOG = LoggerFactory.getLogger(PgTaskWakeups.class);
    static final String CHANNEL = "portside_task_due";
    /** Announcements waiting to be sent; beyond this they are dropped (waiters re-check by themselves). */
    static final int ANNOUNCED_AT_MOST = 10_000;

    private final String url;
    private final String user;
    private final String password;
    private final Waiting waiting = new Waiting();
    private final AtomicBoolean started = new AtomicBoolean();
    private final BlockingQueue<String> announced = new LinkedBlockingQueue<>(ANNOUNCED_AT_MOST);
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile Connection listening;

    /** The pool's own settings (the embedded server's too: they are handed over before the context starts). */
    PgTaskWakeups(@Value("${datasources.default.url}") String url,
                  @Nullable @Value("${datasources.default.username:}") String user,
                  @Nullable @Value("${datasources.default.password:}") String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public Registration onDue(Worker worker, Runnable wake) {
        if (started.compareAndSet(false, true)) {
            Thread listener = new Thread(this::listen, "task-wakeups");
            listener.setDaemon(true);
            listener.start();
        }
        return waiting.add(worker, wake);
    }

    /**
     * A task of {@code worker} is stored SCHEDULED, committed: its waiters here wake right away, those
     * of every instance (this one included, harmlessly) when the notification arrives. Both on the
     * sending thread, never the caller's: a waiter woken there would carry on in the caller's context
     * (its transaction, just committed, included) and join what it no longer may.
     */
    void announce(String worker) {
        if (sending.compareAndSet(false, true)) {
            Thread sender = new Thread(this::send, "task-announcements");
            sender.setDaemon(true);
            sender.start();
        }
        announced.offer(worker); // when full, dropped: best effort, as every wake-up is
    }

    private void send() {
        Connection connection = null;
        long pause = 100;
        while (running) {
            Set<String> workers = new LinkedHashSet<>();
            try {
                String first = announced.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                workers.add(first);
                announced.drainTo(workers);
                wakeHere(workers);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                if (connection == null) {
                    connection = connect();
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SET synchronous_commit = off");
                    }
                }
                try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, w) FROM unnest(?::text[]) AS w")) {
                    notify.setString(1, CHANNEL);
                    notify.setArray(2, connection.createArrayOf("text", workers.toArray()));
                    notify.execute();
                }
                pause = 100;
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("Announcing due tasks failed ({}); long polls elsewhere look again by themselves meanwhile, reconnecting",
                            e.getMessage());
                    connection = closed(connection);
                    sleep(pause);
                    pause = Math.min(pause * 2, 5_000);
                }
            }
        }
        closed(connection);
    }

    /** A waiter that fails does not stop the thread that wakes the others. */
    private void wakeHere(Set<String> workers) {
        for (String worker : workers) {
            try {
                waiting.wake(worker);
            } catch (RuntimeException e) {
                LOG.warn("Waking a long poll of worker {} failed", worker, e);
            }
        }
    }

    private static Connection closed(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // gone anyway
            }
        }
        return null;
    }

    private void listen() {
        long pause = 100;
        while (running) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                listening = connection;
                pause = 100;
                waiting.wakeAll(); // anything sent while we were not listening was missed
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            waiting.wake(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("Listening for due tasks failed ({}); long polls look again by themselves meanwhile, reconnecting",
                            e.getMessage());
                    waiting.wakeAll();
                    sleep(pause);
                    pause = Math.min(pause * 2, 5_000);
                }
            } finally {
                listening = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, properties);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        closed(listening);
    }
}

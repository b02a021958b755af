package org.portside.persistence.tasks;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.portside.application.tasks.port.out.TaskWakeups;
import org.portside.domain.tasks.Worker;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups from PostgreSQL: {@code LISTEN portside_task_due} on a connection of its own (not one of
 * the pool's), fed by the trigger of V7 with the worker of every task stored SCHEDULED, by any
 * instance. The listening thread starts with the first waiter; when its connection breaks it wakes
 * every waiter (they look again themselves) and reconnects.
 */
@Singleton
final class PgTaskWakeups implements TaskWakeups {

    private static final Logger LOG = LoggerFactory.getLogger(PgTaskWakeups.class);
    static final String CHANNEL = "portside_task_due";

    private final String url;
    private final String user;
    private final String password;
    private final Waiting waiting = new Waiting();
    private final AtomicBoolean started = new AtomicBoolean();
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
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}

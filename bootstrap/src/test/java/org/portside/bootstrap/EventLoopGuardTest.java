package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.netty.util.concurrent.FastThreadLocalThread;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Database work on a Netty thread fails at once, so no route can block the event loop unnoticed. */
@MicronautTest
class EventLoopGuardTest {

    @Inject
    DataSource injected;

    DataSource dataSource;

    @org.junit.jupiter.api.BeforeEach
    void unwrapTransactionAwareProxy() {
        dataSource = DelegatingDataSource.unwrapDataSource(injected); // the pool's own data source, as Micronaut Data uses it
    }

    @Test
    void a_netty_thread_gets_no_connection_any_other_thread_does() throws Exception {
        AtomicReference<Throwable> onNetty = new AtomicReference<>();
        Thread netty = new FastThreadLocalThread(() -> {
            try (Connection c = dataSource.getConnection()) {
                onNetty.set(c.isValid(1) ? null : new AssertionError("an invalid connection"));
            } catch (Throwable e) {
                onNetty.set(e);
            }
        });
        netty.start();
        netty.join();
        assertTrue(onNetty.get() instanceof SQLException, String.valueOf(onNetty.get()));
        assertTrue(onNetty.get().getMessage().contains("event-loop"), onNetty.get().getMessage());

        AtomicReference<Boolean> valid = new AtomicReference<>();
        Thread plain = new Thread(() -> {
            try (Connection c = dataSource.getConnection()) {
                valid.set(c.isValid(2));
            } catch (SQLException e) {
                valid.set(false);
            }
        });
        plain.start();
        plain.join();
        assertEquals(true, valid.get());
    }
}

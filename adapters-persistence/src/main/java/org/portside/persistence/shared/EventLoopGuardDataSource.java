package org.portside.persistence.shared;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Refuses JDBC connections to Netty I/O threads (the HTTP event loop, Lettuce's threads): blocking
 * there stalls every other request on that loop. Like Micronaut's blocking HTTP client, it fails
 * loudly instead, so a route that forgot to run its database work elsewhere breaks in the first
 * test that calls it rather than under load in production.
 */
final class EventLoopGuardDataSource implements DataSource {

    private static final String NETTY_THREAD = "io.netty.util.concurrent.FastThreadLocalThread";

    private final DataSource target;

    EventLoopGuardDataSource(DataSource target) {
        this.target = target;
    }

    static boolean onEventLoop() {
        for (Class<?> type = Thread.currentThread().getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(NETTY_THREAD)) {
                return true;
            }
        }
        return false;
    }

    private static void requireOffEventLoop() throws SQLException {
        if (onEventLoop()) {
            throw new SQLException("JDBC on the event-loop thread " + Thread.currentThread().getName()
                    + ": run database work on a blocking executor", "55000");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        requireOffEventLoop();
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        requireOffEventLoop();
        return target.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}

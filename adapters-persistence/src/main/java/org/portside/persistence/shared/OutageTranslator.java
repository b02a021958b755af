package org.portside.persistence.shared;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import jakarta.inject.Singleton;
import io.micronaut.data.connection.exceptions.ConnectionException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.portside.application.shared.port.out.StoreUnavailable;

/**
 * The JDBC stores' one translation of an outage: a connection that cannot be had or set up (the
 * pool's wait ran out, PostgreSQL refuses or is gone, a pooled connection broke), a
 * connection-class SQLSTATE (08…) or a server shutting down (57P01–57P03) becomes
 * {@link StoreUnavailable}; every other failure passes unchanged.
 */
@Singleton
@InterceptorBean(TranslatesOutages.class)
final class OutageTranslator implements MethodInterceptor<Object, Object> {

    /** admin_shutdown, crash_shutdown, cannot_connect_now. */
    private static final Set<String> SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");

    /** Outermost, around the connection handling of the other interceptors, so their failures are seen too. */
    @Override
    public int getOrder() {
        return io.micronaut.core.order.Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        try {
            return context.proceed();
        } catch (StoreUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            if (isOutage(e)) {
                throw new StoreUnavailable("the database cannot be reached", e);
            }
            throw e;
        }
    }

    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTTING_DOWN.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}

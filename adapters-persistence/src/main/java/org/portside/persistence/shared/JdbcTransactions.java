package org.portside.persistence.shared;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.portside.application.shared.port.out.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction boundary on PostgreSQL. A unit of work that PostgreSQL aborts because it lost a
 * race (deadlock, serialization failure, or a row it referenced was deleted meanwhile) is run again
 * from the start a few times before the failure is let through. A unit of work started inside
 * another joins it, and only the outermost is run again.
 */
@Singleton
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcTransactions implements Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);
    /**
     * deadlock_detected, serialization_failure, and foreign_key_violation for the one race that
     * raises it: a user joins a group that a concurrent delete removes between the join's
     * {@code ON CONFLICT DO NOTHING} and its foreign key check; run again, the group is created anew
     * ({@code JdbcDirectoryTest.registering_into_a_group_deleted_meanwhile_still_succeeds} fails
     * without it).
     */
    private static final Set<String> RETRYABLE = Set.of("40P01", "40001", "23503");
    private static final int ATTEMPTS = 5;

    private final TransactionOperations<Connection> transactions;

    JdbcTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (transactions.findTransactionStatus().isPresent()) {
            // inside another unit of work (an idempotent request, say): join it; a lost race aborts the
            // whole transaction, so only the outermost level may run it again
            return transactions.executeWrite(status -> work.get());
        }
        return retried(() -> transactions.executeWrite(status -> work.get()));
    }

    /**
     * Outside a transaction, {@code work} runs as it is: its one statement commits by itself (the
     * store's connection is in auto-commit), with no BEGIN or COMMIT around it; a statement that
     * lost a race is run again as {@link #inTransaction} would run the whole unit again. Inside one,
     * it joins it.
     */
    @Override
    public <T> T singleStatement(Supplier<T> work) {
        if (transactions.findTransactionStatus().isPresent()) {
            return work.get();
        }
        return retried(work);
    }

    private static <T> T retried(Supplier<T> unit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return unit.get();
            } catch (RuntimeException e) {
                String state = sqlState(e);
                if (state == null || !RETRYABLE.contains(state) || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.info("Lost a race (SQLSTATE {}), running it again (attempt {} of {})", state, attempt + 1, ATTEMPTS);
                pause(attempt);
            }
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}

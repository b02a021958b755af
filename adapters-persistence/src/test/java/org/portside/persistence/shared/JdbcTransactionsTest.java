package org.portside.persistence.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.port.out.Transactions;

/**
 * The transaction boundary on a real PostgreSQL: a unit of work in a transaction of its own, or,
 * for one statement, none (each statement commits by itself), retried alike when it lost a race.
 */
@MicronautTest(transactional = false)
class JdbcTransactionsTest {

    @Inject
    Transactions transactions;
    @Inject
    ConnectionOperations<Connection> connections;

    @Test
    void a_unit_of_work_is_one_transaction() {
        assertEquals(1, transactions.inTransaction(this::transactionsSeen));
    }

    @Test
    void a_single_statement_runs_without_a_transaction_of_its_own() {
        // two statements in auto-commit are two transactions: what a lone statement saves is the BEGIN and COMMIT
        assertEquals(2, transactions.singleStatement(this::transactionsSeen));
    }

    @Test
    void a_single_statement_inside_a_unit_of_work_joins_it() {
        assertEquals(1, transactions.inTransaction(() -> transactions.singleStatement(this::transactionsSeen)));
    }

    @Test
    void a_single_statement_that_lost_a_race_is_run_again_and_other_failures_are_not() {
        AtomicInteger runs = new AtomicInteger();
        assertEquals("done", transactions.singleStatement(() -> {
            if (runs.incrementAndGet() < 3) {
                throw new IllegalStateException("lost", new SQLException("deadlock detected", "40P01"));
            }
            return "done";
        }));
        assertEquals(3, runs.get());
        runs.set(0);
        assertThrows(IllegalStateException.class, () -> transactions.singleStatement(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("refused", new SQLException("check violation", "23514"));
        }));
        assertEquals(1, runs.get());
    }

    /** How many transactions two statements on the current connection (or a new one) ran in. */
    private int transactionsSeen() {
        return connections.executeWrite(status -> {
            try (Statement statement = status.getConnection().createStatement()) {
                long first = txid(statement);
                long second = txid(statement);
                assertTrue(first > 0 && second > 0);
                return first == second ? 1 : 2;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long txid(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT txid_current()")) {
            assertTrue(row.next());
            return row.getLong(1);
        }
    }
}

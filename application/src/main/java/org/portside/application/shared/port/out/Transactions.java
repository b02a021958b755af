package org.portside.application.shared.port.out;

import java.util.function.Supplier;

/**
 * The transaction boundary. Everything {@code work} does through the driven ports commits together
 * or not at all; a {@link RuntimeException} thrown by {@code work} rolls it back and propagates
 * unchanged. Implementations may run {@code work} more than once when the store asks for a retry
 * (a deadlock or serialization failure), so {@code work} must not have effects outside the ports.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    /**
     * For work whose only change is one call of one store that is atomic by itself (one statement),
     * possibly after calls that changed nothing (an insert that found its key taken): the same
     * guarantees and retries as {@link #inTransaction}, and it joins a transaction already open, but
     * an implementation may run it without one of its own. On PostgreSQL that saves the BEGIN and
     * COMMIT around the statement: one of the request's two round trips. Never for a read followed by a
     * write that depends on it: without a transaction nothing holds what was read.
     */
    default <T> T singleStatement(Supplier<T> work) {
        return inTransaction(work);
    }

    /** {@link #singleStatement} for work without a result. */
    default void runSingleStatement(Runnable work) {
        singleStatement(() -> {
            work.run();
            return null;
        });
    }

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}

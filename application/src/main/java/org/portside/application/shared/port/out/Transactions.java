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

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}

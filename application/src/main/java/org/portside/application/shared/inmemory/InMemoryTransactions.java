package org.portside.application.shared.inmemory;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.portside.application.shared.port.out.Transactions;

/**
 * Transactions for the in-memory stores: one lock makes every unit of work serial. Services check
 * before they write, so a refused request changes nothing here either.
 */
public final class InMemoryTransactions implements Transactions {

    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}

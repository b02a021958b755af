package org.portside.application.tasks;

import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.inmemory.InMemoryTaskStore;
import org.portside.application.tasks.port.out.TaskStore;

class InMemoryTaskStoreTest extends TaskStoreContract {

    private InMemoryTaskStore store;
    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Override
    protected TaskStore store() {
        return store;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected void empty() {
        store = new InMemoryTaskStore(transactions);
    }
}

package org.portside.application.tasks;

import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.inmemory.InMemoryTaskStore;
import org.portside.application.tasks.port.out.TaskHistory;
import org.portside.application.tasks.port.out.TaskStore;

class InMemoryTaskHistoryTest extends TaskHistoryContract {

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private InMemoryTaskStore store = new InMemoryTaskStore(transactions);

    @Override
    protected TaskHistory history() {
        return store.history();
    }

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

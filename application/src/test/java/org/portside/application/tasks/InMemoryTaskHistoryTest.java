package org.portside.application.tasks;

import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.inmemory.InMemoryTaskHistory;
import org.portside.application.tasks.port.out.TaskHistory;

class InMemoryTaskHistoryTest extends TaskHistoryContract {

    private InMemoryTaskHistory history = new InMemoryTaskHistory();
    private final Transactions transactions = new InMemoryTransactions();

    @Override
    protected TaskHistory history() {
        return history;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected void empty() {
        history = new InMemoryTaskHistory();
    }
}

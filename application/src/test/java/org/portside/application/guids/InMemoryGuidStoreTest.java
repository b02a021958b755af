package org.portside.application.guids;

import org.portside.application.guids.inmemory.InMemoryGuidStore;
import org.portside.application.guids.port.out.GuidStore;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.port.out.Transactions;

class InMemoryGuidStoreTest extends GuidStoreContract {

    private InMemoryGuidStore store;
    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Override
    protected GuidStore store() {
        return store;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected void empty() {
        store = new InMemoryGuidStore();
    }
}

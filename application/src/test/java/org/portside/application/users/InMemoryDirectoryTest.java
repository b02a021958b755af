package org.portside.application.users;

import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.users.inmemory.InMemoryDirectory;
import org.portside.application.users.port.out.GroupStore;
import org.portside.application.users.port.out.UserStore;

class InMemoryDirectoryTest extends DirectoryContract {

    private InMemoryDirectory directory;
    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Override
    protected UserStore users() {
        return directory;
    }

    @Override
    protected GroupStore groups() {
        return directory;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected void empty() {
        directory = new InMemoryDirectory();
    }
}

package org.portside.persistence.tasks;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.TaskHistoryContract;
import org.portside.application.tasks.port.out.TaskHistory;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.persistence.shared.CleanDatabase;

/** The task history contract on a real PostgreSQL. */
@MicronautTest(transactional = false)
class JdbcTaskHistoryTest extends TaskHistoryContract {

    @Inject
    JdbcTaskHistory history;
    @Inject
    JdbcTaskStore store;
    @Inject
    Transactions transactions;
    @Inject
    DataSource database;

    @Override
    protected TaskHistory history() {
        return history;
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
        CleanDatabase.truncateAll(database);
    }
}

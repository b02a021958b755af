package org.portside.persistence.guids;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.portside.application.guids.GuidStoreContract;
import org.portside.application.guids.port.out.GuidStore;
import org.portside.application.shared.port.out.Transactions;
import org.portside.persistence.shared.CleanDatabase;

/** The GUID store contract on a real PostgreSQL. */
@MicronautTest(transactional = false)
class JdbcGuidStoreTest extends GuidStoreContract {

    @Inject
    JdbcGuidStore store;
    @Inject
    Transactions transactions;
    @Inject
    DataSource database;

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
        CleanDatabase.truncateAll(database);
    }
}

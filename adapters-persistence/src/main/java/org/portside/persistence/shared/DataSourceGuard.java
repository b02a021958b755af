package org.portside.persistence.shared;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * The data source micronaut-jdbc-hikari builds, as everyone else sees it (Micronaut Data, its
 * transaction manager, the health check): refusing to hand out connections on event-loop threads.
 * First of the listeners, so the guard sits right on the pool, under Micronaut Data's contextual
 * wrapper, which its transaction manager unwraps again.
 */
@Singleton
final class DataSourceGuard implements BeanCreatedEventListener<DataSource>, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource created = event.getBean();
        return created instanceof EventLoopGuardDataSource ? created : new EventLoopGuardDataSource(created);
    }
}

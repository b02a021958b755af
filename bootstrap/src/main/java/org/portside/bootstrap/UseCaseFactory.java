package org.portside.bootstrap;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.portside.application.guids.GuidService;
import org.portside.application.guids.GuidSettings;
import org.portside.application.guids.RandomGuids;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.application.guids.port.out.GuidStore;
import org.portside.application.shared.Batches;
import org.portside.application.shared.IdempotencyService;
import org.portside.application.shared.port.out.IdempotencyStore;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.TaskService;
import org.portside.application.tasks.WaitingClaims;
import org.portside.application.tasks.port.out.RecentTasks;
import org.portside.application.tasks.port.out.TaskHistory;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.application.tasks.port.out.TaskWakeups;
import org.portside.application.users.GroupService;
import org.portside.application.users.UserService;
import org.portside.application.users.port.out.GroupStore;
import org.portside.application.users.port.out.UserStore;
import org.portside.rest.shared.WorkPools;

/**
 * Wires the framework-free use cases to whatever adapters implement their driven ports. The
 * services carry no annotations; this is the only place that knows both sides.
 */
@Factory
class UseCaseFactory {

    static final String READS = "reads";
    static final String WRITES = "writes";

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    UserService userService(UserStore users, Transactions transactions,
                            @Named(WorkPools.DATABASE) ExecutorService databaseWork,
                            @Named(READS) Batches.Limits readBatches, @Named(WRITES) Batches.Limits writeBatches) {
        return new UserService(users, transactions, databaseWork, readBatches, writeBatches);
    }

    /**
     * Point reads (a user, a GUID the cache missed) that wait for the database together share one
     * statement: up to PORTSIDE_DATABASE_READ_BATCH keys, PORTSIDE_DATABASE_READ_DRAINS statements at
     * once, and as many reads waiting as the pool's queue holds (PORTSIDE_DATABASE_WORK_QUEUE).
     */
    @Context // created at start-up: a bad setting stops the start, not the first read
    @Named(READS)
    Batches.Limits readBatches(@Property(name = "portside.database.read-batch") @Nullable Integer batch,
                               @Property(name = "portside.database.read-drains") @Nullable Integer drains,
                               @Value("${portside.database.work-queue:10000}") int queue) {
        return batches("READ", Batches.Limits.READS, batch, drains, queue);
    }

    /**
     * Registrations of users that wait for the database together share one statement and one commit,
     * and so do registrations of GUIDs, new tasks and workers' reports (heartbeat, complete, fail): up
     * to PORTSIDE_DATABASE_WRITE_BATCH of them, PORTSIDE_DATABASE_WRITE_DRAINS statements at once
     * (each for users, GUIDs, new tasks and reports).
     */
    @Context
    @Named(WRITES)
    Batches.Limits writeBatches(@Property(name = "portside.database.write-batch") @Nullable Integer batch,
                                @Property(name = "portside.database.write-drains") @Nullable Integer drains,
                                @Value("${portside.database.work-queue:10000}") int queue) {
        return batches("WRITE", Batches.Limits.WRITES, batch, drains, queue);
    }

    private static Batches.Limits batches(String kind, Batches.Limits defaults, Integer batch, Integer drains, int queue) {
        return new Batches.Limits(
                atLeastOne("PORTSIDE_DATABASE_" + kind + "_BATCH", batch == null ? defaults.maxBatch() : batch),
                atLeastOne("PORTSIDE_DATABASE_" + kind + "_DRAINS", drains == null ? defaults.maxDrains() : drains),
                atLeastOne("PORTSIDE_DATABASE_WORK_QUEUE", queue));
    }

    @Singleton
    GroupService groupService(GroupStore groups, UserStore users, Transactions transactions) {
        return new GroupService(groups, users, transactions);
    }

    /** Idempotency-Key records, kept for PORTSIDE_IDEMPOTENCY_RETENTION (24 h) after the first answer. */
    @Singleton
    IdempotencyService idempotency(IdempotencyStore store, Transactions transactions, Clock clock,
                                   @Value("${portside.idempotency.retention:24h}") Duration retention) {
        return new IdempotencyService(store, transactions, clock, retention);
    }

    /** Long polls: the first claim and every retry on the database pool, the waits on the scheduler's timers. */
    @Singleton
    WaitingClaims waitingClaims(TaskService tasks, TaskStore store, TaskWakeups wakeups, Clock clock,
                                @Named(WorkPools.DATABASE) ExecutorService databaseWork,
                                @Named(TaskExecutors.SCHEDULED) ExecutorService scheduler) {
        return new WaitingClaims(tasks, store, wakeups, databaseWork, (ScheduledExecutorService) scheduler, clock);
    }

    @Singleton
    TaskService taskService(TaskStore store, TaskHistory history, Transactions transactions, Clock clock,
                            RecentTasks recent, @Named(WorkPools.DATABASE) ExecutorService databaseWork,
                            @Named(WRITES) Batches.Limits writeBatches) {
        return new TaskService(store, history, new LoggingTaskEvents(), transactions, clock,
                () -> ThreadLocalRandom.current().nextDouble(), recent, databaseWork, writeBatches);
    }

    /**
     * Where all JDBC work runs, for every context (the users and task routes by @ExecuteOn, the GUID
     * use cases by their stages): as many threads as the pool has connections (more could only
     * wait), and a bounded queue so overload is refused with a 503, not hoarded.
     */
    @Context // created at start-up: a bad setting stops the start, not the first request
    @Named(WorkPools.DATABASE)
    @Bean(preDestroy = "shutdown")
    ExecutorService databaseWork(@Value("${datasources.default.maximum-pool-size:8}") int connections,
                                 @Value("${portside.database.work-queue:10000}") int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread t = new Thread(task, "database-work-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(atLeastOne("DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE", connections),
                connections, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(atLeastOne("PORTSIDE_DATABASE_WORK_QUEUE", queue)),
                threads, new ThreadPoolExecutor.AbortPolicy());
    }

    /** A setting that counts something, refused below 1 with its variable's name. */
    private static int atLeastOne(String variable, int value) {
        if (value < 1) {
            throw new ConfigurationException(variable + " must be at least 1, was " + value);
        }
        return value;
    }

    @Singleton
    GuidSettings guidSettings(@Value("${portside.guids.default-lifetime:30d}") Duration defaultLifetime,
                              @Value("${portside.guids.cache-ttl:10m}") Duration cacheTtl,
                              @Value("${portside.guids.purge-batch-size:1000}") int purgeBatchSize) {
        return new GuidSettings(defaultLifetime, cacheTtl, purgeBatchSize);
    }

    @Singleton
    GuidService guidService(GuidStore store, GuidCache cache, Transactions transactions, Clock clock,
                            @Named(WorkPools.DATABASE) ExecutorService databaseWork, GuidSettings settings,
                            @Named(READS) Batches.Limits readBatches, @Named(WRITES) Batches.Limits writeBatches) {
        return new GuidService(store, cache, new RandomGuids(), transactions, clock, databaseWork, settings, readBatches, writeBatches);
    }
}

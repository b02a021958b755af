package org.portside.rest.shared;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.ForkJoinPool;
import org.portside.application.guids.GuidService;
import org.portside.application.guids.GuidSettings;
import org.portside.application.guids.RandomGuids;
import org.portside.application.guids.inmemory.InMemoryGuidCache;
import org.portside.application.guids.inmemory.InMemoryGuidStore;
import org.portside.application.shared.IdempotencyService;
import org.portside.application.shared.inmemory.InMemoryIdempotencyStore;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.inmemory.MutableClock;
import org.portside.application.tasks.TaskService;
import org.portside.application.tasks.WaitingClaims;
import org.portside.application.tasks.inmemory.InMemoryTaskStore;
import org.portside.application.tasks.inmemory.InMemoryTaskWakeups;
import org.portside.application.tasks.inmemory.RecordingTaskEvents;
import org.portside.application.users.GroupService;
import org.portside.application.users.UserService;
import org.portside.application.users.inmemory.InMemoryDirectory;

/** The use cases on in-memory driven ports: the REST adapter tested on its own, over a real socket. */
@Factory
@Requires(property = "portside.test.in-memory", value = "true") // not when bootstrap borrows these test classes
class InMemoryWiring {

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Singleton
    UserService users() {
        return new UserService(directory, transactions);
    }

    @Singleton
    GroupService groups() {
        return new GroupService(directory, directory, transactions);
    }

    /** The pool the database-bound routes run on, as bootstrap provides it (bounded, so full means 503). */
    @Singleton
    @jakarta.inject.Named(WorkPools.DATABASE)
    @io.micronaut.context.annotation.Bean(preDestroy = "shutdown")
    java.util.concurrent.ExecutorService databaseWork() {
        return new java.util.concurrent.ThreadPoolExecutor(8, 8, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(1000), new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
    }

    @Singleton
    MutableClock clock() {
        return new MutableClock(Instant.now());
    }

    @Singleton
    IdempotencyService idempotency(MutableClock clock) {
        return new IdempotencyService(new InMemoryIdempotencyStore(), transactions, clock, java.time.Duration.ofHours(24));
    }

    private final InMemoryTaskWakeups wakeups = new InMemoryTaskWakeups();
    private final InMemoryTaskStore taskStore = new InMemoryTaskStore(transactions, wakeups);

    @Singleton
    TaskService tasks(MutableClock clock) {
        return new TaskService(taskStore, taskStore.history(), new RecordingTaskEvents(), transactions, clock);
    }

    @Singleton
    WaitingClaims waitingClaims(TaskService tasks, MutableClock clock,
                                @jakarta.inject.Named(WorkPools.DATABASE) java.util.concurrent.ExecutorService databaseWork) {
        return new WaitingClaims(tasks, taskStore, wakeups, databaseWork, java.util.concurrent.Executors.newSingleThreadScheduledExecutor(), clock);
    }

    @Singleton
    GuidService guids(MutableClock clock) {
        return new GuidService(new InMemoryGuidStore(), new InMemoryGuidCache(clock), new RandomGuids(), transactions,
                clock, ForkJoinPool.commonPool(), GuidSettings.DEFAULTS);
    }
}

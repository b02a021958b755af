package org.portside.persistence.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.port.out.TaskWakeups;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Worker;

/**
 * The store announces a task stored SCHEDULED once its write is committed: a waiter of its worker
 * wakes right after the transaction commits (or the statement that commits by itself), never
 * before, on a thread of the wake-ups' own, and not at all when it rolls back or the task is not
 * SCHEDULED.
 */
@MicronautTest(transactional = false)
class PgTaskWakeupsTest {

    @Inject
    JdbcTaskStore store;
    @Inject
    PgTaskWakeups wakeups;
    @Inject
    Transactions transactions;

    final Worker worker = new Worker("w-" + UUID.randomUUID());

    private static final AtomicBoolean LISTENING = new AtomicBoolean();

    /** The listener wakes everyone once when it connects (the first waiter starts it); that is had first. */
    @BeforeEach
    void listening() throws InterruptedException {
        if (LISTENING.getAndSet(true)) {
            return;
        }
        CountDownLatch connected = new CountDownLatch(1);
        try (TaskWakeups.Registration ignored = wakeups.onDue(new Worker("w-" + UUID.randomUUID()), connected::countDown)) {
            connected.await(10, TimeUnit.SECONDS); // on a reconnect later, a test may still see one spurious wake-up
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Task task(TaskStatus status) {
        return Task.restore(TaskId.random(), Instant.now().minusSeconds(60), Optional.empty(), worker, status, Payload.EMPTY, 1);
    }

    @Test
    void a_waiter_wakes_when_the_transaction_commits_not_before_and_not_on_the_writers_thread() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        Thread writer = Thread.currentThread();
        AtomicBoolean onWriter = new AtomicBoolean();
        try (TaskWakeups.Registration ignored = wakeups.onDue(worker, () -> {
            onWriter.set(Thread.currentThread() == writer);
            woken.countDown();
        })) {
            transactions.inTransaction(() -> {
                store.insert(task(TaskStatus.SCHEDULED), List.of());
                sleep(200);
                assertEquals(1, woken.getCount(), "woken before the commit: it would find nothing and sleep through it");
                return null;
            });
            assertTrue(woken.await(1, TimeUnit.SECONDS), "not woken at the commit");
            assertFalse(onWriter.get(), "woken on the writer's thread, in its (committed) transaction's context");
        }
    }

    @Test
    void a_statement_that_commits_by_itself_wakes_right_after() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        try (TaskWakeups.Registration ignored = wakeups.onDue(worker, woken::countDown)) {
            transactions.singleStatement(() -> {
                store.insert(task(TaskStatus.SCHEDULED), List.of());
                return null;
            });
            assertTrue(woken.await(1, TimeUnit.SECONDS));
        }
    }

    @Test
    void nothing_wakes_for_a_rolled_back_write_or_a_task_that_is_not_scheduled() {
        AtomicBoolean woken = new AtomicBoolean();
        try (TaskWakeups.Registration ignored = wakeups.onDue(worker, () -> woken.set(true))) {
            assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
                store.insert(task(TaskStatus.SCHEDULED), List.of());
                throw new IllegalStateException("changed my mind");
            }));
            transactions.singleStatement(() -> {
                store.insert(task(TaskStatus.SUCCEEDED), List.of());
                return null;
            });
            sleep(300);
            assertFalse(woken.get());
        }
    }
}

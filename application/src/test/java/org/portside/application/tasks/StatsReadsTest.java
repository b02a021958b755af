package org.portside.application.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.inmemory.MutableClock;
import org.portside.application.tasks.inmemory.InMemoryTaskStore;
import org.portside.application.tasks.inmemory.RecordingTaskEvents;
import org.portside.application.tasks.port.in.ReadTaskStats.Stats;

/**
 * At most one stats read at a time: whoever asks while one runs gets its answer (or its failure)
 * and the store is not read again; once it is over, the next question reads anew.
 */
class StatsReadsTest {

    final InMemoryTransactions transactions = new InMemoryTransactions();
    final InMemoryTaskStore inMemory = new InMemoryTaskStore(transactions);
    final RacingTaskStore store = new RacingTaskStore(inMemory);
    final TaskService tasks = new TaskService(store, inMemory.history(), new RecordingTaskEvents(), transactions,
            new MutableClock(TaskServiceTest.T0));

    @Test
    void askers_during_a_read_share_it() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        store.duringStats = () -> {
            reading.countDown();
            await(finish);
        };
        CompletableFuture<Stats> first = CompletableFuture.supplyAsync(tasks::stats);
        assertTrue(reading.await(5, TimeUnit.SECONDS));
        CompletableFuture<Stats> second = new CompletableFuture<>();
        CompletableFuture<Stats> third = new CompletableFuture<>();
        waiting(ask(second), ask(third)); // (were they reading themselves, they would wait in the store)
        finish.countDown();
        Stats answer = first.get(5, TimeUnit.SECONDS);
        assertSame(answer, second.get(5, TimeUnit.SECONDS));
        assertSame(answer, third.get(5, TimeUnit.SECONDS));
        assertEquals(1, store.statsReads.get());
    }

    @Test
    void after_a_read_the_next_one_reads_again() {
        tasks.stats();
        tasks.stats();
        assertEquals(2, store.statsReads.get());
    }

    @Test
    void a_failed_read_fails_those_who_waited_for_it_and_the_next_reads_again() throws Exception {
        failsEveryoneWaiting(new IllegalStateException("the database is down"));
    }

    @Test
    void an_error_too() throws Exception {
        failsEveryoneWaiting(new AssertionError("not even an exception"));
    }

    /** The very throwable the read failed with reaches the reader and those who waited, unwrapped. */
    private void failsEveryoneWaiting(Throwable failure) throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        store.duringStats = () -> {
            reading.countDown();
            await(finish);
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        };
        CompletableFuture<Stats> first = new CompletableFuture<>();
        ask(first);
        assertTrue(reading.await(5, TimeUnit.SECONDS));
        CompletableFuture<Stats> second = new CompletableFuture<>();
        waiting(ask(second));
        finish.countDown();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertSame(failure, first.handle((answer, thrown) -> thrown).join());
            assertSame(failure, second.handle((answer, thrown) -> thrown).join());
        });
        assertEquals(1, store.statsReads.get());
        store.duringStats = () -> { };
        tasks.stats();
        assertEquals(2, store.statsReads.get());
    }

    /** Asks for the stats on a thread of its own, the answer (or failure) into {@code into}. */
    private Thread ask(CompletableFuture<Stats> into) {
        Thread asker = new Thread(() -> {
            try {
                into.complete(tasks.stats());
            } catch (Throwable failed) {
                into.completeExceptionally(failed);
            }
        });
        asker.start();
        return asker;
    }

    /** Until every asker waits (for the read in progress, or in a read of its own). */
    private static void waiting(Thread... askers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread asker : askers) {
            while (asker.getState() != Thread.State.WAITING && asker.getState() != Thread.State.TIMED_WAITING) {
                assertTrue(System.nanoTime() < deadline, "the asker never waited");
                Thread.sleep(1);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

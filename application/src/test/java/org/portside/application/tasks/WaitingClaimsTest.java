package org.portside.application.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.inmemory.MutableClock;
import org.portside.application.tasks.inmemory.InMemoryTaskStore;
import org.portside.application.tasks.inmemory.InMemoryTaskWakeups;
import org.portside.application.tasks.inmemory.RecordingTaskEvents;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.application.tasks.port.in.ScheduleTask;
import org.portside.domain.shared.Invalid;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskChanges;
import org.portside.domain.tasks.Worker;

class WaitingClaimsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final InMemoryTaskWakeups wakeups = new InMemoryTaskWakeups();
    final InMemoryTransactions transactions = new InMemoryTransactions();
    final InMemoryTaskStore store = new InMemoryTaskStore(transactions, wakeups);
    final TaskService tasks = new TaskService(store, store.history(), new RecordingTaskEvents(), transactions, clock);
    final ExecutorService blocking = Executors.newFixedThreadPool(2);
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final WaitingClaims claims = new WaitingClaims(tasks, store, wakeups, blocking, timers, clock);
    final Worker w1 = new Worker("w1");

    @AfterEach
    void stop() {
        blocking.shutdownNow();
        timers.shutdownNow();
    }

    Task schedule(String worker, long inSeconds) {
        return tasks.schedule(new ScheduleTask.Command(clock.instant().plusSeconds(inSeconds), Optional.empty(), new Worker(worker), Payload.EMPTY));
    }

    @Test
    void a_due_task_is_handed_out_at_once() throws Exception {
        Task t = schedule("w1", 1);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(t.id()), claims.claim(w1, 5, 60, 30).toCompletableFuture().get(1, TimeUnit.SECONDS).stream().map(Task::id).toList());
    }

    @Test
    void a_wait_is_woken_by_a_task_of_its_worker_becoming_due() throws Exception {
        CompletableFuture<List<Task>> poll = claims.claim(w1, 5, 60, 30).toCompletableFuture();
        Thread.sleep(200);
        assertFalse(poll.isDone());
        Task elsewhere = schedule("w2", 1);
        assertFalse(poll.isDone(), "another worker's task does not wake it");
        clock.advance(Duration.ofSeconds(1));
        tasks.patch(elsewhere.id(), new TaskChanges(Optional.empty(), Optional.empty(), Optional.of(w1), Optional.empty()), Optional.empty());
        List<Task> claimed = poll.get(2, TimeUnit.SECONDS); // well before the 5 s re-check
        assertEquals(List.of(elsewhere.id()), claimed.stream().map(Task::id).toList());
    }

    @Test
    void a_task_falling_due_while_the_claim_runs_is_not_missed() throws Exception {
        Task t = schedule("w1", 1);
        ClaimDueTasks slow = (worker, limit, leaseSeconds) -> {
            List<Task> none = tasks.claim(worker, limit, leaseSeconds);
            clock.advance(Duration.ofSeconds(1)); // it falls due after the claim looked, before the round ends
            return none;
        };
        WaitingClaims racing = new WaitingClaims(slow, store, wakeups, blocking, timers, clock);
        List<Task> claimed = racing.claim(w1, 5, 60, 30).toCompletableFuture().get(2, TimeUnit.SECONDS); // before the re-check
        assertEquals(List.of(t.id()), claimed.stream().map(Task::id).toList());
    }

    @Test
    void a_wait_ends_at_the_workers_next_due_task() throws Exception {
        Task later = schedule("w1", 1);
        CompletableFuture<List<Task>> poll = claims.claim(w1, 5, 60, 30).toCompletableFuture();
        Thread.sleep(100);
        clock.advance(Duration.ofSeconds(1)); // the timer set for it fires about a second after the first look
        assertEquals(List.of(later.id()), poll.get(3, TimeUnit.SECONDS).stream().map(Task::id).toList());
    }

    @Test
    void a_wait_that_finds_nothing_ends_empty_at_its_deadline() throws Exception {
        CompletableFuture<List<Task>> poll = claims.claim(w1, 5, 60, 1).toCompletableFuture();
        Thread.sleep(100);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), poll.get(3, TimeUnit.SECONDS));
        assertEquals(List.of(), claims.claim(w1, 5, 60, 0).toCompletableFuture().get(1, TimeUnit.SECONDS), "no wait: one look");
    }

    @Test
    void waits_leases_and_limits_out_of_bounds_are_refused_before_any_wait() {
        for (int[] bad : new int[][] {{5, 60, 31}, {5, 60, -1}, {5, 0, 10}, {0, 60, 10}}) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> claims.claim(w1, bad[0], bad[1], bad[2]).toCompletableFuture().get(1, TimeUnit.SECONDS));
            assertInstanceOf(Invalid.class, e.getCause(), "" + bad[0] + "/" + bad[1] + "/" + bad[2]);
        }
    }
}

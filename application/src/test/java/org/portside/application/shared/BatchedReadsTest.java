package org.portside.application.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BatchedReadsTest {

    /** Runs nothing until told: the test decides when a drain runs, and sees how many were started. */
    private static final class Manual implements Executor {
        final Queue<Runnable> started = new ArrayDeque<>();
        boolean refusing;

        @Override
        public void execute(Runnable task) {
            if (refusing) {
                throw new RejectedExecutionException("full");
            }
            started.add(task);
        }

        void runNext() {
            started.remove().run();
        }
    }

    /** A store of squares that records the keys of every call. */
    private static final class Squares implements Function<Set<Integer>, Map<Integer, Integer>> {
        final List<Set<Integer>> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Map<Integer, Integer> apply(Set<Integer> keys) {
            calls.add(Set.copyOf(keys));
            Map<Integer, Integer> found = new HashMap<>();
            keys.stream().filter(k -> k >= 0).forEach(k -> found.put(k, k * k)); // negative keys are not stored
            return found;
        }
    }

    private final Manual executor = new Manual();
    private final Squares squares = new Squares();

    private BatchedReads<Integer, Integer> reads(int maxBatch, int maxDrains, int maxWaiting) {
        return new BatchedReads<>(squares, executor, new BatchedReads.Limits(maxBatch, maxDrains, maxWaiting));
    }

    private static <T> T now(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        assertTrue(future.isDone(), "answered by now");
        return future.join();
    }

    private static Throwable failure(CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get(0, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void a_lone_read_starts_a_drain_at_once_and_is_read_alone() {
        BatchedReads<Integer, Integer> reads = reads(64, 2, 100);
        CompletionStage<Optional<Integer>> three = reads.read(3);
        assertEquals(1, executor.started.size(), "no waiting for company");
        executor.runNext();
        assertEquals(Optional.of(9), now(three));
        assertEquals(List.of(Set.of(3)), squares.calls);
    }

    @Test
    void reads_that_wait_while_every_drain_is_busy_share_one_call_and_each_gets_its_own_answer() {
        BatchedReads<Integer, Integer> reads = reads(64, 1, 100);
        CompletionStage<Optional<Integer>> two = reads.read(2);
        CompletionStage<Optional<Integer>> three = reads.read(3);
        CompletionStage<Optional<Integer>> missing = reads.read(-1);
        CompletionStage<Optional<Integer>> twoAgain = reads.read(2);
        assertEquals(1, executor.started.size(), "one drain at most");
        executor.runNext();
        assertEquals(List.of(Set.of(2, 3, -1)), squares.calls, "one call, each key once");
        assertEquals(Optional.of(4), now(two));
        assertEquals(Optional.of(9), now(three));
        assertEquals(Optional.empty(), now(missing), "a key found nowhere is empty, not an error");
        assertEquals(Optional.of(4), now(twoAgain));
    }

    @Test
    void a_drain_takes_at_most_max_batch_keys_a_call_and_goes_on_until_nothing_waits() {
        BatchedReads<Integer, Integer> reads = reads(2, 1, 100);
        List<CompletionStage<Optional<Integer>>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(reads.read(i));
        }
        executor.runNext();
        assertEquals(List.of(Set.of(0, 1), Set.of(2, 3), Set.of(4)), squares.calls);
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of(i * i), now(answers.get(i)));
        }
        assertTrue(executor.started.isEmpty());
    }

    @Test
    void no_more_than_max_drains_run_at_once_and_a_finished_drain_frees_its_slot() {
        BatchedReads<Integer, Integer> reads = reads(64, 2, 100);
        reads.read(1);
        reads.read(2);
        reads.read(3);
        assertEquals(2, executor.started.size());
        executor.runNext(); // takes all three
        executor.runNext(); // finds nothing left
        assertEquals(List.of(Set.of(1, 2, 3)), squares.calls);
        reads.read(4);
        assertEquals(1, executor.started.size(), "both slots free again");
    }

    @Test
    void a_failing_call_fails_every_read_of_its_batch_and_the_next_batch_is_read_anew() {
        RuntimeException down = new IllegalStateException("database down");
        boolean[] failing = {true};
        BatchedReads<Integer, Integer> reads = new BatchedReads<>(keys -> {
            if (failing[0]) {
                throw down;
            }
            return squares.apply(keys);
        }, executor, new BatchedReads.Limits(64, 1, 2));
        CompletionStage<Optional<Integer>> one = reads.read(1);
        CompletionStage<Optional<Integer>> two = reads.read(2);
        executor.runNext();
        assertSame(down, failure(one));
        assertSame(down, failure(two));
        failing[0] = false;
        CompletionStage<Optional<Integer>> three = reads.read(3);
        CompletionStage<Optional<Integer>> four = reads.read(4);
        executor.runNext();
        assertEquals(Optional.of(9), now(three));
        assertEquals(Optional.of(16), now(four), "failed reads leave room for as many as before");
    }

    @Test
    void an_error_fails_the_batch_and_is_thrown_on() {
        StackOverflowError error = new StackOverflowError("deep");
        BatchedReads<Integer, Integer> reads = new BatchedReads<>(keys -> {
            throw error;
        }, executor, new BatchedReads.Limits(1, 1, 100));
        CompletionStage<Optional<Integer>> one = reads.read(1);
        CompletionStage<Optional<Integer>> two = reads.read(2);
        assertSame(error, assertThrows(StackOverflowError.class, executor::runNext));
        assertSame(error, failure(one));
        assertEquals(1, executor.started.size(), "the read left behind gets a drain of its own");
        assertSame(error, assertThrows(StackOverflowError.class, executor::runNext));
        assertSame(error, failure(two));
        reads.read(3);
        assertEquals(1, executor.started.size(), "the drains' slot was given back");
    }

    @Test
    void past_max_waiting_a_read_is_refused_at_once_and_answered_reads_make_room() {
        BatchedReads<Integer, Integer> reads = reads(64, 1, 2);
        CompletionStage<Optional<Integer>> one = reads.read(1);
        CompletionStage<Optional<Integer>> two = reads.read(2);
        assertTrue(failure(reads.read(3)) instanceof RejectedExecutionException);
        executor.runNext();
        assertEquals(Optional.of(1), now(one));
        assertEquals(Optional.of(4), now(two));
        reads.read(4);
        CompletionStage<Optional<Integer>> five = reads.read(5);
        executor.runNext();
        assertEquals(Optional.of(25), now(five), "two may wait again");
    }

    @Test
    void a_read_being_read_still_counts_until_it_is_answered() {
        List<Throwable> refusedMeanwhile = new ArrayList<>();
        BatchedReads<Integer, Integer>[] reads = new BatchedReads[1];
        reads[0] = new BatchedReads<>(keys -> {
            refusedMeanwhile.add(failure(reads[0].read(9)));
            return squares.apply(keys);
        }, executor, new BatchedReads.Limits(64, 2, 1));
        CompletionStage<Optional<Integer>> one = reads[0].read(1);
        executor.runNext();
        assertEquals(Optional.of(1), now(one));
        assertEquals(1, refusedMeanwhile.size());
        assertTrue(refusedMeanwhile.get(0) instanceof RejectedExecutionException);
        reads[0].read(2);
        assertEquals(1, executor.started.size(), "answered, so there is room again");
    }

    @Test
    void when_the_executor_refuses_and_no_drain_runs_the_waiting_reads_are_refused() {
        BatchedReads<Integer, Integer> reads = reads(64, 2, 1);
        executor.refusing = true;
        CompletionStage<Optional<Integer>> one = reads.read(1);
        assertTrue(failure(one) instanceof RejectedExecutionException);
        executor.refusing = false;
        CompletionStage<Optional<Integer>> two = reads.read(2);
        executor.runNext();
        assertEquals(Optional.of(4), now(two), "nothing of the refused read is left behind");
        assertEquals(List.of(Set.of(2)), squares.calls);
    }

    @Test
    void when_the_executor_refuses_while_a_drain_runs_that_drain_takes_the_read() {
        BatchedReads<Integer, Integer> reads = reads(64, 2, 100);
        reads.read(1);
        executor.refusing = true;
        CompletionStage<Optional<Integer>> two = reads.read(2);
        assertTrue(!two.toCompletableFuture().isDone(), "waits for the running drain");
        executor.refusing = false;
        executor.runNext();
        assertEquals(Optional.of(4), now(two));
    }

    @Test
    void limits_must_be_positive() {
        assertThrows(IllegalArgumentException.class, () -> new BatchedReads.Limits(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BatchedReads.Limits(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BatchedReads.Limits(1, 1, 0));
        new BatchedReads.Limits(1, 1, 1);
    }

    @Test
    void under_contention_every_read_is_answered_with_its_own_value() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            BatchedReads<Integer, Integer> reads = new BatchedReads<>(squares, pool, new BatchedReads.Limits(16, 2, 1_000_000));
            List<CompletableFuture<CompletableFuture<Optional<Integer>>>> calls = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                int key = i;
                calls.add(CompletableFuture.supplyAsync(() -> reads.read(key).toCompletableFuture(), callers));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertEquals(Optional.of(i * i), calls.get(i).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            callers.shutdownNow();
        }
    }
}

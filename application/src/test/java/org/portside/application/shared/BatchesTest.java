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

class BatchesTest {

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

    private Batches<Integer, Optional<Integer>> reads(int maxBatch, int maxDrains, int maxWaiting) {
        return Batches.reads(squares, executor, new Batches.Limits(maxBatch, maxDrains, maxWaiting));
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
        Batches<Integer, Optional<Integer>> reads = reads(64, 2, 100);
        CompletionStage<Optional<Integer>> three = reads.submit(3);
        assertEquals(1, executor.started.size(), "no waiting for company");
        executor.runNext();
        assertEquals(Optional.of(9), now(three));
        assertEquals(List.of(Set.of(3)), squares.calls);
    }

    @Test
    void reads_that_wait_while_every_drain_is_busy_share_one_call_and_each_gets_its_own_answer() {
        Batches<Integer, Optional<Integer>> reads = reads(64, 1, 100);
        CompletionStage<Optional<Integer>> two = reads.submit(2);
        CompletionStage<Optional<Integer>> three = reads.submit(3);
        CompletionStage<Optional<Integer>> missing = reads.submit(-1);
        CompletionStage<Optional<Integer>> twoAgain = reads.submit(2);
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
        Batches<Integer, Optional<Integer>> reads = reads(2, 1, 100);
        List<CompletionStage<Optional<Integer>>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(reads.submit(i));
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
        Batches<Integer, Optional<Integer>> reads = reads(64, 2, 100);
        reads.submit(1);
        reads.submit(2);
        reads.submit(3);
        assertEquals(2, executor.started.size());
        executor.runNext(); // takes all three
        executor.runNext(); // finds nothing left
        assertEquals(List.of(Set.of(1, 2, 3)), squares.calls);
        reads.submit(4);
        assertEquals(1, executor.started.size(), "both slots free again");
    }

    @Test
    void a_failing_call_fails_every_read_of_its_batch_and_the_next_batch_is_read_anew() {
        RuntimeException down = new IllegalStateException("database down");
        boolean[] failing = {true};
        Batches<Integer, Optional<Integer>> reads = Batches.reads(keys -> {
            if (failing[0]) {
                throw down;
            }
            return squares.apply(keys);
        }, executor, new Batches.Limits(64, 1, 2));
        CompletionStage<Optional<Integer>> one = reads.submit(1);
        CompletionStage<Optional<Integer>> two = reads.submit(2);
        executor.runNext();
        assertSame(down, failure(one));
        assertSame(down, failure(two));
        failing[0] = false;
        CompletionStage<Optional<Integer>> three = reads.submit(3);
        CompletionStage<Optional<Integer>> four = reads.submit(4);
        executor.runNext();
        assertEquals(Optional.of(9), now(three));
        assertEquals(Optional.of(16), now(four), "failed reads leave room for as many as before");
    }

    @Test
    void an_error_fails_the_batch_and_is_thrown_on() {
        StackOverflowError error = new StackOverflowError("deep");
        Batches<Integer, Optional<Integer>> reads = Batches.reads(keys -> {
            throw error;
        }, executor, new Batches.Limits(1, 1, 100));
        CompletionStage<Optional<Integer>> one = reads.submit(1);
        CompletionStage<Optional<Integer>> two = reads.submit(2);
        assertSame(error, assertThrows(StackOverflowError.class, executor::runNext));
        assertSame(error, failure(one));
        assertEquals(1, executor.started.size(), "the read left behind gets a drain of its own");
        assertSame(error, assertThrows(StackOverflowError.class, executor::runNext));
        assertSame(error, failure(two));
        reads.submit(3);
        assertEquals(1, executor.started.size(), "the drains' slot was given back");
    }

    @Test
    void past_max_waiting_a_read_is_refused_at_once_and_answered_reads_make_room() {
        Batches<Integer, Optional<Integer>> reads = reads(64, 1, 2);
        CompletionStage<Optional<Integer>> one = reads.submit(1);
        CompletionStage<Optional<Integer>> two = reads.submit(2);
        assertTrue(failure(reads.submit(3)) instanceof RejectedExecutionException);
        executor.runNext();
        assertEquals(Optional.of(1), now(one));
        assertEquals(Optional.of(4), now(two));
        reads.submit(4);
        CompletionStage<Optional<Integer>> five = reads.submit(5);
        executor.runNext();
        assertEquals(Optional.of(25), now(five), "two may wait again");
    }

    @Test
    void a_read_being_read_still_counts_until_it_is_answered() {
        List<Throwable> refusedMeanwhile = new ArrayList<>();
        Batches<Integer, Optional<Integer>>[] reads = new Batches[1];
        reads[0] = Batches.reads(keys -> {
            refusedMeanwhile.add(failure(reads[0].submit(9)));
            return squares.apply(keys);
        }, executor, new Batches.Limits(64, 2, 1));
        CompletionStage<Optional<Integer>> one = reads[0].submit(1);
        executor.runNext();
        assertEquals(Optional.of(1), now(one));
        assertEquals(1, refusedMeanwhile.size());
        assertTrue(refusedMeanwhile.get(0) instanceof RejectedExecutionException);
        reads[0].submit(2);
        assertEquals(1, executor.started.size(), "answered, so there is room again");
    }

    @Test
    void when_the_executor_refuses_and_no_drain_runs_the_waiting_reads_are_refused() {
        Batches<Integer, Optional<Integer>> reads = reads(64, 2, 1);
        executor.refusing = true;
        CompletionStage<Optional<Integer>> one = reads.submit(1);
        assertTrue(failure(one) instanceof RejectedExecutionException);
        executor.refusing = false;
        CompletionStage<Optional<Integer>> two = reads.submit(2);
        executor.runNext();
        assertEquals(Optional.of(4), now(two), "nothing of the refused read is left behind");
        assertEquals(List.of(Set.of(2)), squares.calls);
    }

    @Test
    void when_the_executor_refuses_while_a_drain_runs_that_drain_takes_the_read() {
        Batches<Integer, Optional<Integer>> reads = reads(64, 2, 100);
        reads.submit(1);
        executor.refusing = true;
        CompletionStage<Optional<Integer>> two = reads.submit(2);
        assertTrue(!two.toCompletableFuture().isDone(), "waits for the running drain");
        executor.refusing = false;
        executor.runNext();
        assertEquals(Optional.of(4), now(two));
    }

    @Test
    void limits_must_be_positive() {
        assertThrows(IllegalArgumentException.class, () -> new Batches.Limits(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Batches.Limits(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Batches.Limits(1, 1, 0));
        new Batches.Limits(1, 1, 1);
    }

    @Test
    void each_job_gets_the_answer_or_the_failure_given_to_it_when_the_batch_returns() {
        IllegalArgumentException odd = new IllegalArgumentException("odd");
        List<List<Integer>> calls = new ArrayList<>();
        Map<Integer, CompletionStage<String>> stages = new HashMap<>();
        Batches<Integer, String> writes = new Batches<>(batch -> {
            calls.add(batch.stream().map(Batches.Job::command).toList());
            for (Batches.Job<Integer, String> job : batch) {
                if (job.command() % 2 == 0) {
                    job.answer("stored " + job.command());
                } else {
                    job.fail(odd);
                }
                assertTrue(!stages.get(job.command()).toCompletableFuture().isDone(), "answers reach callers when the batch has returned");
            }
        }, executor, new Batches.Limits(64, 1, 100));
        CompletionStage<String> two = writes.submit(2);
        CompletionStage<String> three = writes.submit(3);
        CompletionStage<String> four = writes.submit(4);
        stages.putAll(Map.of(2, two, 3, three, 4, four));
        executor.runNext();
        assertEquals(List.of(List.of(2, 3, 4)), calls, "in the order submitted, one call");
        assertEquals("stored 2", now(two));
        assertSame(odd, failure(three));
        assertEquals("stored 4", now(four));
    }

    @Test
    void a_job_the_batch_left_unanswered_fails_and_one_answered_before_a_throw_keeps_its_answer() {
        RuntimeException broke = new IllegalStateException("broke after the first");
        boolean[] throwing = {false};
        Batches<Integer, Integer> writes = new Batches<>(batch -> {
            batch.get(0).answer(batch.get(0).command());
            if (throwing[0]) {
                throw broke;
            }
        }, executor, new Batches.Limits(64, 1, 100));
        CompletionStage<Integer> one = writes.submit(1);
        CompletionStage<Integer> two = writes.submit(2);
        executor.runNext();
        assertEquals(1, now(one));
        assertTrue(failure(two) instanceof IllegalStateException, "unanswered is a failure, never a hang");
        throwing[0] = true;
        CompletionStage<Integer> three = writes.submit(3);
        CompletionStage<Integer> four = writes.submit(4);
        executor.runNext();
        assertEquals(3, now(three));
        assertSame(broke, failure(four));
    }

    @Test
    void a_job_is_answered_once() {
        List<Throwable> second = new ArrayList<>();
        Batches<Integer, Integer> writes = new Batches<>(batch -> {
            Batches.Job<Integer, Integer> job = batch.get(0);
            job.answer(1);
            second.add(assertThrows(IllegalStateException.class, () -> job.answer(2)));
            second.add(assertThrows(IllegalStateException.class, () -> job.fail(new RuntimeException())));
        }, executor, new Batches.Limits(64, 1, 100));
        CompletionStage<Integer> one = writes.submit(1);
        executor.runNext();
        assertEquals(1, now(one), "the first answer stands");
        assertEquals(2, second.size());
    }

    @Test
    void under_contention_every_read_is_answered_with_its_own_value() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            Batches<Integer, Optional<Integer>> reads = Batches.reads(squares, pool, new Batches.Limits(16, 2, 1_000_000));
            List<CompletableFuture<CompletableFuture<Optional<Integer>>>> calls = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                int key = i;
                calls.add(CompletableFuture.supplyAsync(() -> reads.submit(key).toCompletableFuture(), callers));
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

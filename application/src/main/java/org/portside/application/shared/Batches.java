package org.portside.application.shared;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.portside.application.shared.port.out.StoreUnavailable;

/**
 * Blocking work that requests submit one by one and the database does for many at once ("smart
 * batching"): a command is queued, and a drain on the blocking executor takes every command queued
 * by then (up to {@code maxBatch}) and hands them to one call of {@code runAll}, one statement for
 * many requests. Nothing waits for a batch to fill: a command that finds a drain slot free starts
 * one at once, so a lone request costs what it did before; only commands that arrive while all
 * {@code maxDrains} drains are busy wait, and they then share the next call. Under load this
 * divides the per-statement cost (a thread hand-off, two system calls, a database round trip, the
 * database's own work per statement and, for a write, its commit) by the batch size.
 *
 * <p>{@code runAll} answers each {@link Job} of its batch; the answers reach their callers when it
 * returns. Overload is refused, never hoarded: past {@code maxWaiting} commands not answered yet, or
 * when the executor refuses a drain and none is running, a command fails with the executor's
 * {@link RejectedExecutionException}, answered 503 like any refused work. When {@code runAll} throws,
 * every job of its batch it had not answered fails with that exception; the next batch runs anew.
 *
 * <p>Hand-written because the libraries that batch loads (java-dataloader, Caffeine's bulk loads)
 * either wait for a tick or a size before they load, which adds latency to every request when the
 * service is quiet, or do not bound the waiting work, and none batches writes.
 *
 * @param <C> what a request submits
 * @param <R> what it is answered
 */
public final class Batches<C, R> {

    private final Consumer<List<Job<C, R>>> runAll;
    private final Executor executor;
    private final Limits limits;
    private final Queue<Job<C, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger(); // commands not answered yet
    private final AtomicInteger drains = new AtomicInteger();

    /**
     * @param runAll   answers every job of a batch (blocking); a job it leaves unanswered fails
     * @param executor where {@code runAll} runs
     */
    public Batches(Consumer<List<Job<C, R>>> runAll, Executor executor, Limits limits) {
        this.runAll = runAll;
        this.executor = executor;
        this.limits = limits;
    }

    /**
     * Point reads by key: one call of {@code readAll} for the distinct keys of a batch, each read
     * answered with what is stored under its key.
     *
     * @param readAll what is stored under each of the keys (a key found nowhere is left out); blocking
     */
    public static <K, V> Batches<K, Optional<V>> reads(Function<Set<K>, Map<K, V>> readAll, Executor executor, Limits limits) {
        return new Batches<>(batch -> {
            Set<K> keys = new HashSet<>();
            for (Job<K, Optional<V>> read : batch) {
                keys.add(read.command());
            }
            Map<K, V> found = readAll.apply(keys);
            for (Job<K, Optional<V>> read : batch) {
                read.answer(Optional.ofNullable(found.get(read.command())));
            }
        }, executor, limits);
    }

    /**
     * A batch written by one call of {@code together}, which answers its jobs once the write is done.
     * When it fails for any reason but an outage, each job is written again by itself with
     * {@code alone}, so one that cannot be written fails only its own request; an outage fails the
     * whole batch at once (a database that is down is not asked again job by job), and so does any
     * failure of a batch of one (its failure is the batch's).
     *
     * @param alone writes one job by itself and gives its answer, or throws its failure
     */
    public static <C, R> void togetherOrOneByOne(List<Job<C, R>> batch, Runnable together, Function<Job<C, R>, R> alone) {
        try {
            together.run();
        } catch (StoreUnavailable outage) {
            throw outage;
        } catch (RuntimeException failed) {
            if (batch.size() == 1) {
                throw failed;
            }
            for (Job<C, R> job : batch) {
                try {
                    job.answer(alone.apply(job));
                } catch (RuntimeException own) {
                    job.fail(own);
                }
            }
        }
    }

    /**
     * The first job of each key, in the batch's order: of several jobs on one key (one userid, one
     * task) only the first is written with the batch; the others are answered on what it wrote.
     */
    public static <C, R, K> Map<K, Job<C, R>> firstsBy(List<Job<C, R>> batch, Function<C, K> key) {
        Map<K, Job<C, R>> firsts = new LinkedHashMap<>();
        for (Job<C, R> job : batch) {
            firsts.putIfAbsent(key.apply(job.command()), job);
        }
        return firsts;
    }

    /** The answer to {@code command}, worked out with whatever other commands are queued with it. */
    public CompletionStage<R> submit(C command) {
        if (waiting.incrementAndGet() > limits.maxWaiting()) {
            waiting.decrementAndGet();
            return CompletableFuture.failedFuture(new RejectedExecutionException(
                    limits.maxWaiting() + " requests are waiting for the database already"));
        }
        Job<C, R> job = new Job<>(command);
        queue.add(job);
        startDrain();
        return job.answer;
    }

    /** Starts a drain unless {@code maxDrains} are running; a running drain takes the rest. */
    private void startDrain() {
        int running;
        do {
            running = drains.get();
            if (running >= limits.maxDrains()) {
                return;
            }
        } while (!drains.compareAndSet(running, running + 1));
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException refused) {
            if (drains.decrementAndGet() == 0) {
                failQueued(refused); // nothing else would ever take them
            }
        }
    }

    private void drain() {
        try {
            List<Job<C, R>> batch = new ArrayList<>();
            while (take(batch)) {
                run(batch);
                batch.clear();
            }
        } finally {
            drains.decrementAndGet();
            if (!queue.isEmpty()) {
                startDrain(); // queued after this drain's last look, or left behind by an Error
            }
        }
    }

    private boolean take(List<Job<C, R>> batch) {
        Job<C, R> job;
        while (batch.size() < limits.maxBatch() && (job = queue.poll()) != null) {
            batch.add(job);
        }
        return !batch.isEmpty();
    }

    private void run(List<Job<C, R>> batch) {
        Throwable failure = null;
        try {
            runAll.accept(Collections.unmodifiableList(batch));
        } catch (Throwable thrown) {
            failure = thrown;
        }
        waiting.addAndGet(-batch.size()); // before the answers: a command their callers submit next finds room
        for (Job<C, R> job : batch) {
            job.deliver(failure);
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    private void failQueued(RejectedExecutionException refused) {
        List<Job<C, R>> batch = new ArrayList<>();
        while (take(batch)) {
            waiting.addAndGet(-batch.size());
            batch.forEach(job -> job.deliver(refused));
            batch.clear();
        }
    }

    /**
     * One submitted command in a batch. {@code runAll} answers it or fails it, once; the caller sees
     * that when {@code runAll} has returned.
     */
    public static final class Job<C, R> {

        private final C command;
        private final CompletableFuture<R> answer = new CompletableFuture<>();
        private R result;
        private Throwable failure;
        private boolean settled;

        private Job(C command) {
            this.command = command;
        }

        public C command() {
            return command;
        }

        public void answer(R result) {
            settle(result, null);
        }

        public void fail(Throwable failure) {
            settle(null, failure);
        }

        private void settle(R result, Throwable failure) {
            if (settled) {
                throw new IllegalStateException("a job is answered once");
            }
            this.result = result;
            this.failure = failure;
            this.settled = true;
        }

        /** Hands the answer to the caller; unanswered, the job fails with the batch's failure. */
        private void deliver(Throwable batchFailure) {
            if (settled && failure == null) {
                answer.complete(result);
            } else if (settled) {
                answer.completeExceptionally(failure);
            } else {
                answer.completeExceptionally(batchFailure != null ? batchFailure
                        : new IllegalStateException("the batch left this job unanswered"));
            }
        }
    }

    /**
     * @param maxBatch   most commands in one call of {@code runAll}
     * @param maxDrains  most calls of {@code runAll} at once
     * @param maxWaiting most commands not answered yet (queued or being worked on); more are refused
     */
    public record Limits(int maxBatch, int maxDrains, int maxWaiting) {

        /**
         * Point reads: 64 keys a statement, one statement at a time, 10,000 waiting. One drain: the
         * reads that arrive while its statement runs queue for the next, so statements are fuller and
         * fewer threads are woken. On 2 cores with PostgreSQL on the same machine, one drain against
         * two side by side (alternating 8-10 s rounds): {@code GET /users/{id}} 31.5-33.0k reads a
         * second against 23.6-26.6k at 16 connections, 16.1k against 9.4k at 4; unknown GUIDs no
         * different (34.9-38.3k against 35.6-38.4k at 16). Earlier, four drains read unknown GUIDs
         * at 32-36k where one or two read 41-44k, and unbatched reads 21-22k.
         */
        public static final Limits READS = new Limits(64, 1, 10_000);

        /**
         * Writes (user registrations, workers' reports): 64 a statement and a commit, two statements
         * at once, 10,000 waiting. One drain or two made no difference measured here for either.
         */
        public static final Limits WRITES = new Limits(64, 2, 10_000);

        public Limits {
            if (maxBatch < 1 || maxDrains < 1 || maxWaiting < 1) {
                throw new IllegalArgumentException("maxBatch, maxDrains and maxWaiting must be positive");
            }
        }
    }
}

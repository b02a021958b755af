package org.portside.application.shared;

import java.util.ArrayList;
import java.util.HashSet;
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
import java.util.function.Function;

/**
 * Point reads by key, answered together when they arrive together ("smart batching"): a read is
 * queued, and a drain on the blocking executor takes every read queued by then (up to
 * {@code maxBatch}) and answers them with one blocking call of {@code readAll}, one statement
 * for many requests. Nothing waits for a batch to fill: a read that finds a drain slot free starts
 * one at once, so a lone request costs what it did before; only reads that arrive while all
 * {@code maxDrains} drains are busy wait, and they then share the next statement. Under load this
 * divides the per-statement cost (a thread hand-off, two system calls, a database round trip and
 * the database's own work per statement) by the batch size.
 *
 * <p>Overload is refused, never hoarded: past {@code maxWaiting} reads not answered yet, or when
 * the executor refuses a drain and none is running, a read fails with the executor's
 * {@link RejectedExecutionException}, answered 503 like any refused work. A failing
 * {@code readAll} fails every read of its batch with the same exception; the next batch tries anew.
 *
 * <p>Hand-written because the libraries that batch loads (java-dataloader, Caffeine's bulk loads)
 * either wait for a tick or a size before they load, which adds latency to every request when the
 * service is quiet, or do not bound the waiting reads.
 *
 * @param <K> the key a read names
 * @param <V> what is found under it
 */
public final class BatchedReads<K, V> {

    private final Function<Set<K>, Map<K, V>> readAll;
    private final Executor executor;
    private final Limits limits;
    private final Queue<Read<K, V>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger(); // reads not answered yet
    private final AtomicInteger drains = new AtomicInteger();

    /**
     * @param readAll  what is stored under each of the keys (a key found nowhere is left out); blocking
     * @param executor where {@code readAll} runs
     */
    public BatchedReads(Function<Set<K>, Map<K, V>> readAll, Executor executor, Limits limits) {
        this.readAll = readAll;
        this.executor = executor;
        this.limits = limits;
    }

    /** What is stored under {@code key}, read with whatever other reads are queued with it. */
    public CompletionStage<Optional<V>> read(K key) {
        if (waiting.incrementAndGet() > limits.maxWaiting()) {
            waiting.decrementAndGet();
            return CompletableFuture.failedFuture(
                    new RejectedExecutionException(limits.maxWaiting() + " reads are waiting for the database already"));
        }
        Read<K, V> read = new Read<>(key, new CompletableFuture<>());
        queue.add(read);
        startDrain();
        return read.answer;
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
            List<Read<K, V>> batch = new ArrayList<>();
            while (take(batch)) {
                answer(batch);
                batch.clear();
            }
        } finally {
            drains.decrementAndGet();
            if (!queue.isEmpty()) {
                startDrain(); // queued after this drain's last look, or left behind by an Error
            }
        }
    }

    private boolean take(List<Read<K, V>> batch) {
        Read<K, V> read;
        while (batch.size() < limits.maxBatch() && (read = queue.poll()) != null) {
            batch.add(read);
        }
        return !batch.isEmpty();
    }

    private void answer(List<Read<K, V>> batch) {
        Map<K, V> found;
        try {
            Set<K> keys = new HashSet<>();
            for (Read<K, V> read : batch) {
                keys.add(read.key);
            }
            found = readAll.apply(keys);
        } catch (Throwable failure) {
            waiting.addAndGet(-batch.size());
            for (Read<K, V> read : batch) {
                read.answer.completeExceptionally(failure);
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return;
        }
        waiting.addAndGet(-batch.size()); // before the answers: a read their callers make next finds room
        for (Read<K, V> read : batch) {
            read.answer.complete(Optional.ofNullable(found.get(read.key)));
        }
    }

    private void failQueued(RejectedExecutionException refused) {
        List<Read<K, V>> batch = new ArrayList<>();
        while (take(batch)) {
            waiting.addAndGet(-batch.size());
            batch.forEach(read -> read.answer.completeExceptionally(refused));
            batch.clear();
        }
    }

    /**
     * @param maxBatch   most keys in one call of {@code readAll}
     * @param maxDrains  most calls of {@code readAll} at once
     * @param maxWaiting most reads not answered yet (queued or being read); more are refused
     */
    public record Limits(int maxBatch, int maxDrains, int maxWaiting) {

        /**
         * 64 keys a statement, two statements at once, 10,000 waiting. Two drains: on 2 cores with
         * PostgreSQL on the same machine, 16 connections reading unknown GUIDs, one or two drains
         * answered 41-44k reads a second, four 32-36k, unbatched reads 21-22k.
         */
        public static final Limits DEFAULTS = new Limits(64, 2, 10_000);

        public Limits {
            if (maxBatch < 1 || maxDrains < 1 || maxWaiting < 1) {
                throw new IllegalArgumentException("maxBatch, maxDrains and maxWaiting must be positive");
            }
        }
    }

    private record Read<K, V>(K key, CompletableFuture<Optional<V>> answer) {
    }
}

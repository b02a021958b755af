package org.portside.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The console, fed in batches by a thread of its own. A logging call (the access log's included,
 * one per request on the event loop) only puts the event in a bounded queue and returns; when the
 * queue is full the event is dropped and counted, never waited for. Every {@value #BATCH_MILLIS} ms,
 * or at once for a WARN or an ERROR, the writer takes what has queued, encodes it and writes it with
 * one {@code write} call per 64 KiB.
 *
 * <p>Why not logback's {@code AsyncAppender} in front of its {@code ConsoleAppender}: the former
 * wakes its worker for every event and the latter flushes {@code System.out} for every line, so an
 * access-log line cost a thread wake-up and a system call per request; measured on two cores that was
 * a third of a cached GUID read's throughput. logback has no batching variant of either.
 */
public final class BatchingConsoleAppender extends OutputStreamAppender<ILoggingEvent> {

    static final long BATCH_MILLIS = 20;
    private static final int BUFFER_BYTES = 64 * 1024;

    private int queueSize = 8192;
    private BlockingQueue<ILoggingEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private volatile Thread writer;
    private volatile boolean stopping;

    /** Events that may wait for the writer ({@code <queueSize>} in logback.xml); beyond it they are dropped. */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** Events dropped because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void start() {
        if (queueSize < 1) {
            addError("queueSize must be at least 1");
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        stopping = false;
        setImmediateFlush(false);
        setOutputStream(new BufferedOutputStream(new Unclosable(System.out), BUFFER_BYTES));
        super.start();
        Thread thread = new Thread(this::writeBatches, "log-writer");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    /** On the caller's thread: hand over, never wait. */
    @Override
    protected void append(ILoggingEvent event) {
        if (!isStarted()) {
            return;
        }
        event.prepareForDeferredProcessing(); // message, thread name and MDC as they are now
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
            return;
        }
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            LockSupport.unpark(writer);
        }
    }

    private void writeBatches() {
        List<ILoggingEvent> batch = new ArrayList<>();
        while (!stopping) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS));
            drain(batch);
        }
    }

    private void drain(List<ILoggingEvent> batch) {
        while (queue.drainTo(batch, 1024) > 0) {
            for (ILoggingEvent event : batch) {
                super.subAppend(event);
            }
            batch.clear();
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            addWarn(lost + " log events dropped: the console could not keep up");
        }
        streamWriteLock.lock();
        try {
            getOutputStream().flush();
        } catch (IOException e) {
            addError("could not write to the console", e);
        } finally {
            streamWriteLock.unlock();
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        Thread thread = writer;
        stopping = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drain(new ArrayList<>()); // what came in while the writer stopped
        super.stop(); // closes the stream, which flushes and leaves System.out open
    }

    /** {@code System.out} as it was at start; the appender's stop never closes it. */
    private static final class Unclosable extends OutputStream {

        private final PrintStream out;

        Unclosable(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}

package org.portside.cache.shared;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** Logs a recurring failure (a cache that is down) at most once per interval, with how often it happened. */
public final class ThrottledWarning {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledWarning(Logger log, java.time.Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    public void warn(String message, Throwable cause) {
        long now = System.nanoTime();
        long next = nextNanos.get();
        if (now - next >= 0 && nextNanos.compareAndSet(next, now + intervalNanos)) {
            long others = suppressed.getAndSet(0);
            log.warn("{} ({}){}", message, RedisConnector.rootMessage(cause),
                    others > 0 ? "; " + others + " similar failure(s) since the last warning" : "");
        } else {
            suppressed.incrementAndGet();
        }
    }
}

package org.portside.application.tasks.port.out;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.portside.domain.tasks.Worker;

/**
 * Tells a waiting claim that a task of its worker may have become due (created, scheduled again,
 * returned by the sweep), so that a long poll answers at once instead of polling the database.
 * Best effort: a wake-up may be spurious or, while the source is unreachable, missed; waiters
 * re-check on a timer as well.
 */
public interface TaskWakeups {

    /** Something that stops waiting. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs {@code wake} (at most once) the next time a task of {@code worker} may have become due. */
    Registration onDue(Worker worker, Runnable wake);

    /** The waiters of every worker, each woken at most once; what every implementation keeps. */
    final class Waiting {

        private final Map<String, Set<Runnable>> waiting = new ConcurrentHashMap<>();

        public Registration add(Worker worker, Runnable wake) {
            AtomicBoolean once = new AtomicBoolean();
            Runnable single = () -> {
                if (once.compareAndSet(false, true)) {
                    wake.run();
                }
            };
            waiting.computeIfAbsent(worker.value(), w -> ConcurrentHashMap.newKeySet()).add(single);
            return () -> waiting.computeIfPresent(worker.value(), (w, set) -> {
                set.remove(single);
                return set.isEmpty() ? null : set;
            });
        }

        /** Wakes (and forgets) every waiter of {@code worker}. */
        public void wake(String worker) {
            Set<Runnable> woken = waiting.remove(worker);
            if (woken != null) {
                woken.forEach(Runnable::run);
            }
        }

        /** Wakes every waiter: something may have been missed. */
        public void wakeAll() {
            for (String worker : Set.copyOf(waiting.keySet())) {
                wake(worker);
            }
        }
    }
}

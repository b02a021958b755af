package org.portside.application.tasks.port.out;

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
}

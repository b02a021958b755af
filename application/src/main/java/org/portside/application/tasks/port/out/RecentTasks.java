package org.portside.application.tasks.port.out;

import java.util.Optional;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;

/**
 * The tasks as this process last wrote them, so that a change soon after a write (a worker's complete
 * or heartbeat after its claim) can be worked out without reading the task back first. A hint, never
 * the truth: the task service writes a change made from it only by the store's compare-and-set on
 * the version it came from, and reads the store whenever that write fails, or the hint refuses the
 * change or leaves the task as it is. So a hint outdated by another writer (another instance, a
 * change by hand) costs a round trip and is never seen by a client.
 */
public interface RecentTasks {

    /** The task as this process last wrote it, if still kept. */
    Optional<Task> get(TaskId id);

    /** Keeps {@code task} (as written) in place of any earlier hint of it. */
    void keep(Task task);

    /** Drops the hint of {@code id} (the task is gone, or the hint proved outdated). */
    void forget(TaskId id);

    /** Keeps nothing: every change reads its task first. */
    static RecentTasks none() {
        return None.INSTANCE;
    }

    /** The hint-less {@link RecentTasks}. */
    enum None implements RecentTasks {
        INSTANCE;

        @Override
        public Optional<Task> get(TaskId id) {
            return Optional.empty();
        }

        @Override
        public void keep(Task task) {
            // nothing kept
        }

        @Override
        public void forget(TaskId id) {
            // nothing kept
        }
    }
}

package org.portside.cache.tasks;

import io.micronaut.core.util.clhm.ConcurrentLinkedHashMap;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.portside.application.tasks.port.out.RecentTasks;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;

/**
 * The hints of {@link RecentTasks}: the most recently used ones, each for a while after its write (a
 * worker's next step comes within its lease, or never).
 *
 * <p>Least recently used go first, and a new hint is always kept. Not Caffeine, which the GUID caches
 * use: its W-TinyLFU admission keeps, once full, the keys it has seen more often, and in a worker's
 * cycle every older hint was seen three times (kept by the claim, read and kept again by the complete)
 * and every new one once, so the new hints were refused; in a bench run 45 % of completes then read
 * their task back first. This map is Micronaut core's copy of ConcurrentLinkedHashMap (Caffeine's
 * predecessor, a concurrent LRU); it knows no expiry, so each hint carries the time it was written and
 * is dropped when read too late.
 */
final class LruRecentTasks implements RecentTasks {

    private record Hint(Task task, long keptAt) {
    }

    private final Map<TaskId, Hint> hints;
    private final long keptNanos;
    private final LongSupplier nanoTime;

    LruRecentTasks(long maximumSize, Duration kept, LongSupplier nanoTime) {
        this.hints = new ConcurrentLinkedHashMap.Builder<TaskId, Hint>().maximumWeightedCapacity(maximumSize).build();
        this.keptNanos = kept.toNanos();
        this.nanoTime = nanoTime;
    }

    /** How many hints are kept now. */
    long size() {
        return hints.size();
    }

    @Override
    public Optional<Task> get(TaskId id) {
        Hint hint = hints.get(id);
        if (hint == null) {
            return Optional.empty();
        }
        if (nanoTime.getAsLong() - hint.keptAt() >= keptNanos) {
            hints.remove(id, hint);
            return Optional.empty();
        }
        return Optional.of(hint.task());
    }

    @Override
    public void keep(Task task) {
        hints.put(task.id(), new Hint(task, nanoTime.getAsLong()));
    }

    @Override
    public void forget(TaskId id) {
        hints.remove(id);
    }
}

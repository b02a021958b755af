package org.portside.cache.tasks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import org.portside.application.tasks.port.out.RecentTasks;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;

/**
 * The hints of {@link RecentTasks} in a bounded Caffeine cache, each for a while after its write (a
 * worker's next step comes within its lease, or never). Upkeep on the calling thread, as the GUID
 * caches do: nothing here is worth a hand-off to another pool.
 */
final class CaffeineRecentTasks implements RecentTasks {

    private final Cache<TaskId, Task> tasks;

    CaffeineRecentTasks(long maximumSize, Duration kept, Ticker ticker) {
        this.tasks = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(kept).ticker(ticker)
                .executor(Runnable::run).build();
    }

    /** How many hints are kept now (after pending evictions). */
    long size() {
        tasks.cleanUp();
        return tasks.estimatedSize();
    }

    @Override
    public Optional<Task> get(TaskId id) {
        return Optional.ofNullable(tasks.getIfPresent(id));
    }

    @Override
    public void keep(Task task) {
        tasks.put(task.id(), task);
    }

    @Override
    public void forget(TaskId id) {
        tasks.invalidate(id);
    }
}

package org.portside.application.tasks;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.portside.application.tasks.port.out.RecentTasks;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;

/** Hints kept in a map, as long as the test runs: what a cache does before it evicts anything. */
final class KeptRecentTasks implements RecentTasks {

    final Map<TaskId, Task> kept = new HashMap<>();

    @Override
    public Optional<Task> get(TaskId id) {
        return Optional.ofNullable(kept.get(id));
    }

    @Override
    public void keep(Task task) {
        kept.put(task.id(), task);
    }

    @Override
    public void forget(TaskId id) {
        kept.remove(id);
    }
}

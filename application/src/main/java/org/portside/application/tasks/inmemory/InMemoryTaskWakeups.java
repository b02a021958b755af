package org.portside.application.tasks.inmemory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.portside.application.tasks.port.out.TaskWakeups;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Worker;

/** Wake-ups within one process, told by {@link InMemoryTaskStore} when a task becomes SCHEDULED. */
public final class InMemoryTaskWakeups implements TaskWakeups {

    private final Map<Worker, Set<Runnable>> waiting = new ConcurrentHashMap<>();

    @Override
    public Registration onDue(Worker worker, Runnable wake) {
        AtomicBoolean once = new AtomicBoolean();
        Runnable single = () -> {
            if (once.compareAndSet(false, true)) {
                wake.run();
            }
        };
        waiting.computeIfAbsent(worker, w -> ConcurrentHashMap.newKeySet()).add(single);
        return () -> waiting.computeIfPresent(worker, (w, set) -> {
            set.remove(single);
            return set.isEmpty() ? null : set;
        });
    }

    /** A task was stored; if it is SCHEDULED, its worker's waiters are woken. */
    void changed(Task task) {
        if (task.status() == TaskStatus.SCHEDULED) {
            Set<Runnable> woken = waiting.remove(task.worker());
            if (woken != null) {
                woken.forEach(Runnable::run);
            }
        }
    }
}

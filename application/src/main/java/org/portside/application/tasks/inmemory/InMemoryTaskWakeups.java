package org.portside.application.tasks.inmemory;

import org.portside.application.tasks.port.out.TaskWakeups;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Worker;

/** Wake-ups within one process, told by {@link InMemoryTaskStore} when a task becomes SCHEDULED. */
public final class InMemoryTaskWakeups implements TaskWakeups {

    private final Waiting waiting = new Waiting();

    @Override
    public Registration onDue(Worker worker, Runnable wake) {
        return waiting.add(worker, wake);
    }

    /** A task was stored; if it is SCHEDULED, its worker's waiters are woken. */
    void changed(Task task) {
        if (task.status() == TaskStatus.SCHEDULED) {
            waiting.wake(task.worker().value());
        }
    }
}

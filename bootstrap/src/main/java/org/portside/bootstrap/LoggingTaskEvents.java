package org.portside.bootstrap;

import java.util.List;
import org.portside.application.tasks.port.out.TaskEvents;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything a task goes through, at INFO with its id and worker, through SLF4J (logger {@code portside.tasks}). */
final class LoggingTaskEvents implements TaskEvents {

    private static final Logger LOG = LoggerFactory.getLogger("portside.tasks");

    @Override
    public void created(Task task) {
        LOG.info("task {} created for worker {} starting {}", task.id(), task.worker(), task.start());
    }

    @Override
    public void changed(Task before, Task after) {
        if (before.status() != after.status()) {
            LOG.info("task {} of worker {} changed status {} -> {}", after.id(), after.worker(), before.status(), after.status());
        } else {
            LOG.info("task {} of worker {} changed (version {})", after.id(), after.worker(), after.version());
        }
    }

    @Override
    public void deleted(Task task) {
        LOG.info("task {} of worker {} deleted ({})", task.id(), task.worker(), task.status());
    }

    @Override
    public void claimed(Worker worker, List<Task> tasks) {
        tasks.forEach(task -> LOG.info("task {} claimed by worker {}, now RUNNING (attempt {}, lease until {})", task.id(), worker,
                task.attempt(), task.lease().map(l -> l.expires().toString()).orElse("-")));
    }
}

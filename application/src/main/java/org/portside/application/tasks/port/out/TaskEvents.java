package org.portside.application.tasks.port.out;

import java.util.List;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.Worker;

/** What happened to tasks, told after it is committed (a log, an audit trail, a message bus). */
public interface TaskEvents {

    void created(Task task);

    void changed(Task before, Task after);

    void deleted(Task task);

    void claimed(Worker worker, List<Task> tasks);
}

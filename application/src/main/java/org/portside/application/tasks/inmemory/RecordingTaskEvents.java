package org.portside.application.tasks.inmemory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.portside.application.tasks.port.out.TaskEvents;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.Worker;

/** Keeps every event as a line of text, for tests and first tries. */
public final class RecordingTaskEvents implements TaskEvents {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void created(Task task) {
        events.add("created " + task.id());
    }

    @Override
    public void changed(Task before, Task after) {
        events.add("changed " + after.id() + (before.status() != after.status() ? " " + before.status() + "->" + after.status() : ""));
    }

    @Override
    public void deleted(Task task) {
        events.add("deleted " + task.id());
    }

    @Override
    public void claimed(Worker worker, List<Task> tasks) {
        tasks.forEach(t -> events.add("claimed " + t.id() + " by " + worker));
    }

    public List<String> events() {
        return List.copyOf(events);
    }
}

package org.portside.application.tasks.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.portside.application.tasks.port.out.TaskHistory;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;

/**
 * Task histories in memory, appended to by the {@link InMemoryTaskStore} that writes the tasks; with
 * {@link org.portside.application.shared.inmemory.InMemoryTransactions}.
 */
public final class InMemoryTaskHistory implements TaskHistory {

    private final List<TaskEvent> events = new ArrayList<>();

    synchronized void append(List<TaskEvent> more) {
        events.addAll(more);
    }

    @Override
    public synchronized List<TaskEvent> of(TaskId task) {
        return events.stream().filter(e -> e.task().equals(task)).toList();
    }

    @Override
    public synchronized int pruneBefore(Instant cutoff, int limit) {
        int pruned = 0;
        for (Iterator<TaskEvent> i = events.iterator(); i.hasNext() && pruned < limit; ) {
            if (i.next().at().isBefore(cutoff)) {
                i.remove();
                pruned++;
            }
        }
        return pruned;
    }
}

package org.portside.application.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.port.out.TaskHistory;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.Worker;

/** What every {@link TaskHistory} promises; run against the in-memory history and the JDBC one. */
public abstract class TaskHistoryContract {

    protected static final Instant NOW = Instant.parse("2026-11-23T12:00:00.123456Z");

    protected abstract TaskHistory history();

    protected abstract Transactions transactions();

    /** Starts each test from an empty history. */
    protected abstract void empty();

    @BeforeEach
    void startEmpty() {
        empty();
    }

    static TaskEvent event(TaskId task, long secondsFromNow, TaskEvent.Type type, String detail) {
        return new TaskEvent(task, NOW.plusSeconds(secondsFromNow), type, new Worker("w1"), 2, Optional.ofNullable(detail));
    }

    @Test
    void events_read_back_exactly_per_task_in_the_order_appended() {
        TaskId a = TaskId.random();
        TaskId b = TaskId.random();
        List<TaskEvent> ofA = List.of(event(a, 0, TaskEvent.Type.CREATED, null), event(a, 5, TaskEvent.Type.CLAIMED, "lease until x"),
                event(a, 5, TaskEvent.Type.LEASE_EXPIRED, "ünï \"q\"\nline"));
        transactions().run(() -> history().append(ofA.subList(0, 2)));
        transactions().run(() -> history().append(List.of(event(b, 1, TaskEvent.Type.CREATED, null))));
        transactions().run(() -> history().append(ofA.subList(2, 3)));
        transactions().run(() -> history().append(List.of()));
        assertEquals(ofA, transactions().inTransaction(() -> history().of(a)));
        assertEquals(1, transactions().inTransaction(() -> history().of(b)).size());
        assertEquals(List.of(), transactions().inTransaction(() -> history().of(TaskId.random())));
    }

    @Test
    void pruning_deletes_what_is_older_than_the_cutoff_in_bounded_batches() {
        TaskId a = TaskId.random();
        transactions().run(() -> history().append(List.of(event(a, -300, TaskEvent.Type.CREATED, null),
                event(a, -200, TaskEvent.Type.CHANGED, null), event(a, -100, TaskEvent.Type.CHANGED, null),
                event(a, 0, TaskEvent.Type.DELETED, null))));
        assertEquals(2, transactions().inTransaction(() -> history().pruneBefore(NOW.minusSeconds(50), 2)));
        assertEquals(1, transactions().inTransaction(() -> history().pruneBefore(NOW.minusSeconds(50), 2)));
        assertEquals(0, transactions().inTransaction(() -> history().pruneBefore(NOW.minusSeconds(50), 2)));
        assertEquals(List.of(TaskEvent.Type.DELETED), transactions().inTransaction(() -> history().of(a)).stream().map(TaskEvent::type).toList());
    }
}

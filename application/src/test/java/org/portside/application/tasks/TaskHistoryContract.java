package org.portside.application.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.port.out.TaskHistory;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Worker;

/** What every {@link TaskHistory} promises of the events its store's writes append; run in memory and on JDBC. */
public abstract class TaskHistoryContract {

    protected static final Instant NOW = Instant.parse("2026-11-23T12:00:00.123456Z");

    protected abstract TaskHistory history();

    /** The store whose writes append to {@link #history()}. */
    protected abstract TaskStore store();

    protected abstract Transactions transactions();

    /** Starts each test from an empty history. */
    protected abstract void empty();

    @BeforeEach
    void startEmpty() {
        empty();
    }

    static Task task(TaskId id) {
        return Task.restore(id, NOW, Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 1);
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
        transactions().run(() -> store().insert(task(a), ofA.subList(0, 2)));
        transactions().run(() -> store().insert(task(b), List.of(event(b, 1, TaskEvent.Type.CREATED, null))));
        transactions().run(() -> store().update(List.of(task(a)), ofA.subList(2, 3)));
        transactions().run(() -> store().update(List.of(task(a), task(b)), List.of()));
        transactions().run(() -> store().update(List.of(), List.of()));
        assertEquals(ofA, transactions().inTransaction(() -> history().of(a)));
        assertEquals(1, transactions().inTransaction(() -> history().of(b)).size());
        // one write of several tasks, their events interleaved (a claim that also expired an old run)
        List<TaskEvent> together = List.of(event(b, 6, TaskEvent.Type.CLAIMED, null),
                event(a, 7, TaskEvent.Type.LEASE_EXPIRED, "ended"), event(a, 7, TaskEvent.Type.FAILED, "no attempt left"));
        transactions().run(() -> store().update(List.of(task(a), task(b)), together));
        List<TaskEvent> allOfA = new ArrayList<>(ofA);
        allOfA.addAll(together.subList(1, 3));
        assertEquals(allOfA, transactions().inTransaction(() -> history().of(a)), "each task's own, in the order given");
        assertEquals(together.get(0), transactions().inTransaction(() -> history().of(b)).get(1));
        assertEquals(List.of(), transactions().inTransaction(() -> history().of(TaskId.random())));
    }

    @Test
    void a_write_of_more_tasks_than_one_statement_takes_writes_them_all_with_their_events() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            tasks.add(task(TaskId.random()));
        }
        tasks.forEach(t -> transactions().run(() -> store().insert(t, List.of())));
        List<Task> changed = tasks.stream().map(t -> Task.restore(t.id(), NOW, Optional.empty(), new Worker("w1"),
                TaskStatus.FAILED, Payload.EMPTY, 2)).toList();
        List<TaskEvent> events = tasks.stream().map(t -> event(t.id(), 1, TaskEvent.Type.FAILED, "swept")).toList();
        transactions().run(() -> store().update(changed, events));
        for (int i : new int[] {0, 199, 200, 449}) {
            TaskId id = tasks.get(i).id();
            assertEquals(TaskStatus.FAILED, transactions().inTransaction(() -> store().find(id)).orElseThrow().status());
            assertEquals(List.of(events.get(i)), transactions().inTransaction(() -> history().of(id)));
        }
    }

    @Test
    void pruning_deletes_what_is_older_than_the_cutoff_in_bounded_batches() {
        TaskId a = TaskId.random();
        transactions().run(() -> store().insert(task(a), List.of(event(a, -300, TaskEvent.Type.CREATED, null),
                event(a, -200, TaskEvent.Type.CHANGED, null), event(a, -100, TaskEvent.Type.CHANGED, null))));
        transactions().run(() -> store().delete(a, List.of(event(a, 0, TaskEvent.Type.DELETED, null))));
        assertEquals(2, transactions().inTransaction(() -> history().pruneBefore(NOW.minusSeconds(50), 2)));
        assertEquals(1, transactions().inTransaction(() -> history().pruneBefore(NOW.minusSeconds(50), 2)));
        assertEquals(0, transactions().inTransaction(() -> history().pruneBefore(NOW.minusSeconds(50), 2)));
        assertEquals(List.of(TaskEvent.Type.DELETED), transactions().inTransaction(() -> history().of(a)).stream().map(TaskEvent::type).toList());
    }
}

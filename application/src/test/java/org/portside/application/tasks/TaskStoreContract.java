package org.portside.application.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.domain.tasks.Failure;
import org.portside.domain.tasks.Lease;
import org.portside.domain.tasks.LeaseToken;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Retries;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;

/** What every {@link TaskStore} promises; run against the in-memory store and the JDBC one. */
public abstract class TaskStoreContract {

    protected static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    protected abstract TaskStore store();

    protected abstract Transactions transactions();

    /** Starts each test from an empty store. */
    protected abstract void empty();

    @BeforeEach
    void startEmpty() {
        empty();
    }

    protected Task stored(String worker, long startInSeconds, TaskStatus status) {
        Task task = Task.restore(TaskId.random(), NOW.plusSeconds(startInSeconds), Optional.empty(), new Worker(worker), status,
                Payload.EMPTY, 1);
        transactions().run(() -> store().insert(task, List.of()));
        return task;
    }

    private List<TaskId> find(Optional<Worker> worker, Optional<TaskStatus> status, Optional<Instant> from, Optional<Instant> to,
                              int limit, Optional<FindTasks.Cursor> after) {
        FindTasks.Query query = new FindTasks.Query(worker, status, from, to, limit, after);
        return transactions().inTransaction(() -> store().find(query, limit)).stream().map(Task::id).toList();
    }

    @Test
    void a_task_reads_back_exactly_changes_and_goes() {
        Payload payload = Payload.of(Map.of("n", "1.5", "nested", "{\"a\":[1,{\"b\":null}]}", "s", "\"ünï \\\"q\\\" 😀\"", "t", "true"));
        Task task = Task.restore(TaskId.random(), NOW.plusSeconds(60), Optional.of(new Title("title")), new Worker("w1"),
                TaskStatus.SCHEDULED, payload, 1);
        transactions().run(() -> store().insert(task, List.of()));
        Task read = transactions().inTransaction(() -> store().find(task.id())).orElseThrow();
        assertEquals(task.id(), read.id());
        assertEquals(task.start(), read.start());
        assertEquals(task.title(), read.title());
        assertEquals(task.worker(), read.worker());
        assertEquals(task.status(), read.status());
        assertEquals(task.version(), read.version());
        assertEquals(jsonValues(payload), jsonValues(read.payload()), "the same JSON values (a store may re-format their text)");

        Task changed = Task.restore(task.id(), NOW.plusSeconds(120), Optional.empty(), new Worker("w2"), TaskStatus.RUNNING, Payload.EMPTY, 2);
        transactions().run(() -> store().update(List.of(changed), List.of()));
        Task again = transactions().inTransaction(() -> store().findForUpdate(task.id())).orElseThrow();
        assertEquals(List.of(changed.start(), changed.title(), changed.worker(), changed.status(), changed.version()),
                List.of(again.start(), again.title(), again.worker(), again.status(), again.version()));
        assertEquals(Map.of(), jsonValues(again.payload()));

        transactions().run(() -> store().delete(task.id(), List.of()));
        assertTrue(transactions().inTransaction(() -> store().find(task.id())).isEmpty());
    }

    @Test
    void an_update_of_a_task_that_is_not_there_fails_inside_its_transaction() {
        Task there = stored("w1", 60, TaskStatus.SCHEDULED);
        Task missing = Task.restore(TaskId.random(), NOW, Optional.empty(), new Worker("w1"), TaskStatus.RUNNING, Payload.EMPTY, 2);
        assertThrows(IllegalStateException.class, () -> transactions().run(() -> store().update(List.of(there, missing), List.of())));
    }

    @Test
    void a_replace_writes_only_over_the_version_the_change_was_made_from() {
        Task v1 = stored("w1", 60, TaskStatus.SCHEDULED);
        Task v2 = Task.restore(v1.id(), NOW.plusSeconds(120), Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 2);
        Task otherV2 = Task.restore(v1.id(), NOW.plusSeconds(180), Optional.empty(), new Worker("w2"), TaskStatus.SCHEDULED, Payload.EMPTY, 2);
        Task v4 = Task.restore(v1.id(), NOW.plusSeconds(240), Optional.empty(), new Worker("w3"), TaskStatus.SCHEDULED, Payload.EMPTY, 4);
        assertTrue(store().replace(v2, List.of()), "over version 1, outside any transaction");
        assertFalse(store().replace(otherV2, List.of()), "version 1 is gone: another change came first");
        assertFalse(store().replace(v4, List.of()), "nor over a version it was not made from");
        Task read = store().find(v1.id()).orElseThrow();
        assertEquals(List.of(v2.start(), v2.worker(), 2L), List.of(read.start(), read.worker(), read.version()));
        Task missing = Task.restore(TaskId.random(), NOW, Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 2);
        assertFalse(store().replace(missing, List.of()));
        assertTrue(store().find(missing.id()).isEmpty());
    }

    @Test
    void inserting_many_stores_each_task_with_its_events_and_a_batch_with_one_that_exists_stores_none() {
        Task a = Task.restore(TaskId.random(), NOW.plusSeconds(60), Optional.of(new Title("a")), new Worker("w1"),
                TaskStatus.SCHEDULED, Payload.of(Map.of("n", "1")), 1);
        Task b = Task.restore(TaskId.random(), NOW.plusSeconds(70), Optional.empty(), new Worker("w2"),
                TaskStatus.SCHEDULED, Payload.EMPTY, 1);
        transactions().run(() -> store().insertAll(List.of(a, b), List.of()));
        Task readA = store().find(a.id()).orElseThrow();
        assertEquals(List.of(a.start(), a.title(), a.worker(), a.status(), 1L),
                List.of(readA.start(), readA.title(), readA.worker(), readA.status(), readA.version()));
        assertEquals(jsonValues(a.payload()), jsonValues(readA.payload()));
        Task readB = store().find(b.id()).orElseThrow();
        assertEquals(List.of(b.start(), b.title(), b.worker()), List.of(readB.start(), readB.title(), readB.worker()));

        Task c = Task.restore(TaskId.random(), NOW.plusSeconds(80), Optional.empty(), new Worker("w3"),
                TaskStatus.SCHEDULED, Payload.EMPTY, 1);
        assertThrows(RuntimeException.class, () -> transactions().run(() -> store().insertAll(List.of(c, a), List.of())));
        assertTrue(store().find(c.id()).isEmpty(), "all or none");
        assertEquals(a.start(), store().find(a.id()).orElseThrow().start(), "the one there left as it was");
    }

    @Test
    void replacing_many_writes_each_task_still_at_the_version_its_change_was_made_from_and_no_other() {
        Task a1 = stored("w1", 60, TaskStatus.SCHEDULED);
        Task b1 = stored("w1", 70, TaskStatus.SCHEDULED);
        Task c1 = stored("w1", 80, TaskStatus.SCHEDULED);
        Task a2 = Task.restore(a1.id(), NOW.plusSeconds(120), Optional.empty(), new Worker("w2"), TaskStatus.SCHEDULED, Payload.EMPTY, 2);
        Task b4 = Task.restore(b1.id(), NOW.plusSeconds(130), Optional.empty(), new Worker("w2"), TaskStatus.SCHEDULED, Payload.EMPTY, 4);
        Task c2 = Task.restore(c1.id(), NOW.plusSeconds(140), Optional.empty(), new Worker("w3"), TaskStatus.FAILED, Payload.EMPTY, 2);
        Task missing = Task.restore(TaskId.random(), NOW, Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 2);
        Set<TaskId> written = store().replaceAll(List.of(new TaskStore.Replacement(a2, List.of()),
                new TaskStore.Replacement(b4, List.of()), new TaskStore.Replacement(missing, List.of()),
                new TaskStore.Replacement(c2, List.of())));
        assertEquals(Set.of(a1.id(), c1.id()), written, "outside any transaction; not over a version it was not made from, nor a task not there");
        Task a = store().find(a1.id()).orElseThrow();
        assertEquals(List.of(a2.start(), a2.worker(), 2L), List.of(a.start(), a.worker(), a.version()));
        Task c = store().find(c1.id()).orElseThrow();
        assertEquals(List.of(c2.worker(), TaskStatus.FAILED, 2L), List.of(c.worker(), c.status(), c.version()));
        Task b = store().find(b1.id()).orElseThrow();
        assertEquals(List.of(b1.start(), b1.worker(), 1L), List.of(b.start(), b.worker(), b.version()), "left as it was");
        assertTrue(store().find(missing.id()).isEmpty());
        assertEquals(Set.of(), store().replaceAll(List.of(new TaskStore.Replacement(a2, List.of()))), "version 1 is gone now");
    }

    /** A payload's values as parsed JSON, so two spellings of one value compare equal. */
    protected static Map<String, com.fasterxml.jackson.databind.JsonNode> jsonValues(Payload payload) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, com.fasterxml.jackson.databind.JsonNode> values = new java.util.TreeMap<>();
        payload.values().forEach((key, text) -> {
            try {
                values.put(key, json.readTree(text));
            } catch (java.io.IOException e) {
                throw new AssertionError("the payload value of " + key + " is not JSON: " + text, e);
            }
        });
        return values;
    }

    @Test
    void lists_by_start_then_id_with_every_filter_and_strict_bounds() {
        Task a = stored("w1", 100, TaskStatus.SCHEDULED);
        Task b = stored("w1", 200, TaskStatus.RUNNING);
        Task c = stored("w2", 200, TaskStatus.SCHEDULED);
        Task d = stored("w1", 300, TaskStatus.SCHEDULED);
        List<TaskId> byStartThenId = new ArrayList<>(List.of(a.id()));
        byStartThenId.addAll(b.id().compareTo(c.id()) < 0 ? List.of(b.id(), c.id()) : List.of(c.id(), b.id()));
        byStartThenId.add(d.id());
        Optional<Worker> none = Optional.empty();
        assertEquals(byStartThenId, find(none, Optional.empty(), Optional.empty(), Optional.empty(), 10, Optional.empty()));
        assertEquals(List.of(a.id(), b.id(), d.id()), find(Optional.of(new Worker("w1")), Optional.empty(), Optional.empty(), Optional.empty(), 10, Optional.empty()));
        assertEquals(List.of(a.id(), d.id()), find(Optional.of(new Worker("w1")), Optional.of(TaskStatus.SCHEDULED), Optional.empty(), Optional.empty(), 10, Optional.empty()));
        assertEquals(List.of(b.id()), find(Optional.of(new Worker("w1")), Optional.empty(), Optional.of(a.start()), Optional.of(d.start()), 10, Optional.empty()),
                "from and to are strict");
        assertEquals(byStartThenId.subList(0, 2), find(none, Optional.empty(), Optional.empty(), Optional.empty(), 2, Optional.empty()));
        TaskId second = byStartThenId.get(1);
        Instant secondStart = NOW.plusSeconds(200);
        assertEquals(byStartThenId.subList(2, 4), find(none, Optional.empty(), Optional.empty(), Optional.empty(), 10,
                Optional.of(new FindTasks.Cursor(secondStart, second))), "a page starts right after its cursor");
    }

    @Test
    void hands_out_a_workers_due_scheduled_tasks_earliest_first_up_to_the_limit() {
        Task later = stored("w1", -10, TaskStatus.SCHEDULED);
        Task earliest = stored("w1", -100, TaskStatus.SCHEDULED);
        Task dueNow = stored("w1", 0, TaskStatus.SCHEDULED);
        stored("w1", 1, TaskStatus.SCHEDULED);          // not due yet
        stored("w1", -200, TaskStatus.RUNNING);          // not SCHEDULED
        stored("w2", -300, TaskStatus.SCHEDULED);        // another worker's
        assertEquals(List.of(earliest.id(), later.id()),
                transactions().inTransaction(() -> store().lockDue(new Worker("w1"), NOW, 2)).stream().map(Task::id).toList());
        assertEquals(List.of(earliest.id(), later.id(), dueNow.id()),
                transactions().inTransaction(() -> store().lockDue(new Worker("w1"), NOW, 10)).stream().map(Task::id).toList(),
                "a start at now is due");
    }

    protected Task leased(String worker, long startInSeconds, long leaseEndsInSeconds, int attempt) {
        Task task = Task.restore(TaskId.random(), NOW.plusSeconds(startInSeconds), Optional.empty(), new Worker(worker),
                TaskStatus.RUNNING, Payload.EMPTY, 3, new Retries(5, 7), attempt,
                Optional.of(new Lease(LeaseToken.random(), NOW.plusSeconds(leaseEndsInSeconds))), Optional.empty());
        transactions().run(() -> store().insert(task, List.of()));
        return task;
    }

    @Test
    void retries_attempt_lease_and_last_error_read_back_exactly() {
        Task task = Task.restore(TaskId.random(), NOW.plusSeconds(60), Optional.empty(), new Worker("w1"), TaskStatus.RUNNING,
                Payload.EMPTY, 4, new Retries(9, 120), 2,
                Optional.of(new Lease(LeaseToken.random(), Instant.parse("2026-11-23T12:00:30.123Z"))),
                Optional.of(new Failure("ünïcode \"quoted\"\nsecond line")));
        transactions().run(() -> store().insert(task, List.of()));
        Task read = transactions().inTransaction(() -> store().find(task.id())).orElseThrow();
        assertEquals(List.of(task.retries(), task.attempt(), task.lease(), task.lastError()),
                List.of(read.retries(), read.attempt(), read.lease(), read.lastError()));
        Task ended = Task.restore(task.id(), task.start(), Optional.empty(), task.worker(), TaskStatus.SCHEDULED, Payload.EMPTY, 5,
                new Retries(1, 0), 2, Optional.empty(), Optional.empty());
        transactions().run(() -> store().update(List.of(ended), List.of()));
        Task again = transactions().inTransaction(() -> store().find(task.id())).orElseThrow();
        assertEquals(List.of(ended.retries(), ended.attempt(), ended.lease(), ended.lastError()),
                List.of(again.retries(), again.attempt(), again.lease(), again.lastError()));
    }

    @Test
    void a_running_task_is_due_once_its_lease_has_expired_in_order_of_when_it_became_due() {
        Task expiredLong = leased("w1", -500, -50, 1);
        Task scheduled = stored("w1", -20, TaskStatus.SCHEDULED);
        Task expiredNow = leased("w1", -400, 0, 2);
        leased("w1", -600, 1, 1);                         // still leased
        leased("w2", -600, -60, 1);                       // another worker's
        assertEquals(List.of(expiredLong.id(), scheduled.id(), expiredNow.id()),
                transactions().inTransaction(() -> store().lockDue(new Worker("w1"), NOW, 10)).stream().map(Task::id).toList(),
                "due at: the start of a SCHEDULED task, the lease's end of a RUNNING one");
        for (Task due : transactions().inTransaction(() -> store().lockDue(new Worker("w1"), NOW, 10))) {
            assertTrue(due.isDueFor(new Worker("w1"), NOW), "the store and the domain agree on what is due: " + due);
        }
    }

    @Test
    void the_sweep_finds_expired_leases_of_every_worker_and_nothing_else() {
        Task a = leased("w1", -500, -50, 1);
        Task b = leased("w2", -500, 0, 1);
        leased("w3", -500, 1, 1);
        stored("w1", -100, TaskStatus.SCHEDULED);
        stored("w1", -100, TaskStatus.RUNNING);          // by hand, without a lease: never expires
        assertEquals(List.of(a.id(), b.id()),
                transactions().inTransaction(() -> store().lockExpiredLeases(NOW, 10)).stream().map(Task::id).toList());
        assertEquals(List.of(a.id()),
                transactions().inTransaction(() -> store().lockExpiredLeases(NOW, 1)).stream().map(Task::id).toList());
    }

    @Test
    void stats_count_by_status_and_worker_and_tell_the_oldest_due_start_and_expired_leases() {
        stored("w1", -100, TaskStatus.SCHEDULED);
        stored("w1", -50, TaskStatus.SCHEDULED);
        stored("w1", 10, TaskStatus.SCHEDULED);        // not due yet
        stored("w2", -300, TaskStatus.SUCCEEDED);
        leased("w2", -400, -1, 1);                      // expired
        leased("w2", -400, 0, 1);                       // expired at now
        leased("w3", -400, 5, 1);
        var stats = transactions().inTransaction(() -> store().stats(NOW));
        assertEquals(Map.of(TaskStatus.SCHEDULED, 3L, TaskStatus.RUNNING, 3L, TaskStatus.SUCCEEDED, 1L, TaskStatus.FAILED, 0L),
                stats.byStatus());
        assertEquals(Map.of("w1", Map.of(TaskStatus.SCHEDULED, 3L), "w2", Map.of(TaskStatus.SUCCEEDED, 1L, TaskStatus.RUNNING, 2L),
                "w3", Map.of(TaskStatus.RUNNING, 1L)), stats.byWorker());
        assertEquals(Optional.of(NOW.minusSeconds(100)), stats.oldestDue());
        assertEquals(2, stats.expiredLeases());
        empty();
        var none = transactions().inTransaction(() -> store().stats(NOW));
        assertEquals(Optional.empty(), none.oldestDue());
        assertEquals(0L, none.byStatus().get(TaskStatus.FAILED));
        assertEquals(Map.of(), none.byWorker());
    }
}

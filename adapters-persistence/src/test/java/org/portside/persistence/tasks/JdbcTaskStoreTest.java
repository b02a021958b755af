package org.portside.persistence.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.inmemory.MutableClock;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.tasks.TaskService;
import org.portside.application.tasks.TaskStoreContract;
import org.portside.application.tasks.inmemory.RecordingTaskEvents;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.in.ScheduleTask;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;
import org.portside.persistence.shared.CleanDatabase;

/** The task store on a real PostgreSQL, driven through the application service. */
@MicronautTest(transactional = false)
class JdbcTaskStoreTest extends TaskStoreContract {

    @Inject
    JdbcTaskStore store;
    @Inject
    JdbcTaskHistory history;
    @Inject
    Transactions transactions;
    @Inject
    DataSource database;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    TaskService tasks;

    @BeforeEach
    void setUp() {
        CleanDatabase.truncateAll(database);
        tasks = new TaskService(store, history, new RecordingTaskEvents(), transactions, clock);
    }

    Task schedule(String worker, long inSeconds, Payload payload) {
        return tasks.schedule(new ScheduleTask.Command(clock.instant().plusSeconds(inSeconds), Optional.empty(),
                new Worker(worker), payload));
    }

    @Test
    void a_task_reads_back_exactly_with_its_payload() {
        Payload payload = Payload.of(Map.of("n", "1.5", "nested", "{\"a\": [1, {\"b\": null}]}", "s", "\"ünï \\\"q\\\"\"", "t", "true"));
        Task t = tasks.schedule(new ScheduleTask.Command(clock.instant().plusSeconds(60), Optional.of(new Title("title")),
                new Worker("w1"), payload));
        Task read = tasks.get(t.id());
        assertEquals(t.start(), read.start());
        assertEquals(Optional.of(new Title("title")), read.title());
        assertEquals(TaskStatus.SCHEDULED, read.status());
        assertEquals(1, read.version());
        assertEquals(Set.of("n", "nested", "s", "t"), read.payload().values().keySet());
        assertEquals("{\"a\": [1, {\"b\": null}]}", read.payload().get("nested").orElseThrow());
        assertEquals(Payload.EMPTY, tasks.get(schedule("w1", 60, Payload.EMPTY).id()).payload());
    }

    @Test
    void replacing_many_appends_in_order_the_events_of_the_tasks_written_and_none_of_the_others() {
        Task a1 = stored("w1", 60, TaskStatus.SCHEDULED);
        Task b1 = stored("w1", 70, TaskStatus.SCHEDULED);
        Task a2 = Task.restore(a1.id(), NOW.plusSeconds(120), Optional.empty(), new Worker("w2"), TaskStatus.SCHEDULED, Payload.EMPTY, 2);
        Task b3 = Task.restore(b1.id(), NOW.plusSeconds(130), Optional.empty(), new Worker("w2"), TaskStatus.SCHEDULED, Payload.EMPTY, 3);
        List<TaskEvent> ofA = List.of(TaskEvent.of(a2, TaskEvent.Type.CHANGED, NOW, "first"),
                TaskEvent.of(a2, TaskEvent.Type.CHANGED, NOW, "second"));
        assertEquals(Set.of(a1.id()), store.replaceAll(List.of(new TaskStore.Replacement(a2, ofA),
                new TaskStore.Replacement(b3, List.of(TaskEvent.of(b3, TaskEvent.Type.CHANGED, NOW, "lost"))))));
        assertEquals(List.of("first", "second"), history.of(a1.id()).stream().map(e -> e.detail().orElseThrow()).toList());
        assertEquals(List.of(), history.of(b1.id()), "a replacement not written leaves no event");
        Task stranger = Task.restore(TaskId.random(), NOW, Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 2);
        assertThrows(IllegalArgumentException.class, () -> store.replaceAll(List.of(new TaskStore.Replacement(a2, List.of()),
                new TaskStore.Replacement(b3, List.of(TaskEvent.of(stranger, TaskEvent.Type.CHANGED, NOW, "not theirs"))))),
                "an event belongs to a task replaced with it");
    }

    @Test
    void inserting_many_appends_each_tasks_events_in_order_in_the_same_statement() {
        Task a = Task.restore(TaskId.random(), NOW.plusSeconds(60), Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 1);
        Task b = Task.restore(TaskId.random(), NOW.plusSeconds(70), Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 1);
        store.insertAll(List.of(a, b), List.of(TaskEvent.of(a, TaskEvent.Type.CREATED, NOW, "a1"),
                TaskEvent.of(b, TaskEvent.Type.CREATED, NOW, "b1"), TaskEvent.of(a, TaskEvent.Type.CHANGED, NOW, "a2")));
        assertEquals(List.of("a1", "a2"), history.of(a.id()).stream().map(e -> e.detail().orElseThrow()).toList());
        assertEquals(List.of("b1"), history.of(b.id()).stream().map(e -> e.detail().orElseThrow()).toList());
        Task c = Task.restore(TaskId.random(), NOW.plusSeconds(80), Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 1);
        assertThrows(RuntimeException.class, () -> store.insertAll(List.of(c, a), List.of(TaskEvent.of(c, TaskEvent.Type.CREATED, NOW, "c1"))),
                "outside any transaction: one statement");
        assertTrue(store.find(c.id()).isEmpty());
        assertEquals(List.of(), history.of(c.id()), "nor its event");
        assertThrows(IllegalArgumentException.class, () -> store.insertAll(List.of(c), List.of(TaskEvent.of(b, TaskEvent.Type.CREATED, NOW, "not c's"))),
                "an event belongs to a task inserted with it");
    }

    @Test
    void keyset_pages_cover_every_task_once_in_order() {
        List<TaskId> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(schedule("w", 100 + i / 2, Payload.EMPTY).id()); // equal starts are ordered by id
        }
        List<TaskId> seen = new ArrayList<>();
        Optional<FindTasks.Cursor> after = Optional.empty();
        do {
            FindTasks.Page page = tasks.find(new FindTasks.Query(Optional.of(new Worker("w")), Optional.empty(),
                    Optional.empty(), Optional.empty(), 3, after));
            page.tasks().forEach(t -> seen.add(t.id()));
            after = page.next();
        } while (after.isPresent());
        assertEquals(7, seen.size());
        assertEquals(new HashSet<>(expected), new HashSet<>(seen));
        List<Task> all = tasks.find(new FindTasks.Query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100, Optional.empty())).tasks();
        assertEquals(seen, all.stream().map(Task::id).toList());
    }

    @Test
    void concurrent_payload_patches_of_different_keys_all_stay() throws Exception {
        Task t = schedule("w", 60, Payload.EMPTY);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Task>> patches = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String key = "k" + i;
                patches.add(pool.submit(() -> tasks.mergePayload(t.id(), Payload.of(Map.of(key, String.valueOf(key.length()))), Optional.empty())));
            }
            for (Future<Task> f : patches) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Task read = tasks.get(t.id());
        assertEquals(40, read.payload().values().size());
        assertEquals(41, read.version());
    }

    @Test
    void eight_concurrent_claimers_hand_out_each_of_1000_due_tasks_exactly_once() throws Exception {
        transactions.run(() -> {
            for (int i = 0; i < 1000; i++) {
                store.insert(Task.schedule(TaskId.random(), clock.instant().plusSeconds(1 + i % 50), Optional.empty(),
                        new Worker("w"), Payload.EMPTY, clock.instant()), List.of());
            }
        });
        clock.advance(Duration.ofSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<TaskId> claimed = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> claimers = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                claimers.add(pool.submit(() -> {
                    List<Task> batch;
                    int rounds = 0;
                    do {
                        batch = tasks.claim(new Worker("w"), 7, 60);
                        batch.forEach(t -> claimed.add(t.id()));
                    } while (!batch.isEmpty() && ++rounds < 1000); // a claim that marks nothing RUNNING ends, too
                }));
            }
            for (Future<?> f : claimers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1000, claimed.size(), "every task handed out");
        assertEquals(1000, new HashSet<>(claimed).size(), "none twice");
        assertTrue(tasks.find(new FindTasks.Query(Optional.empty(), Optional.of(TaskStatus.SCHEDULED), Optional.empty(),
                Optional.empty(), 10, Optional.empty())).tasks().isEmpty());
    }

    @Override
    protected org.portside.application.tasks.port.out.TaskStore store() {
        return store;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected void empty() {
        CleanDatabase.truncateAll(database);
    }
}

package org.portside.application.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.Batches;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.inmemory.MutableClock;
import org.portside.application.tasks.inmemory.InMemoryTaskHistory;
import org.portside.application.tasks.inmemory.InMemoryTaskStore;
import org.portside.application.tasks.inmemory.RecordingTaskEvents;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.in.ScheduleTask;
import org.portside.application.shared.port.out.StoreUnavailable;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;
import org.portside.domain.shared.PreconditionFailed;
import org.portside.domain.tasks.Failure;
import org.portside.domain.tasks.LeaseToken;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Retries;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskChanges;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;

class TaskServiceTest {

    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final RecordingTaskEvents events = new RecordingTaskEvents();
    final InMemoryTransactions transactions = new InMemoryTransactions();
    final InMemoryTaskStore store = new InMemoryTaskStore(transactions);
    final InMemoryTaskHistory history = store.history();
    double uniform = 0.5;
    final TaskService tasks = new TaskService(store, history, events, transactions, clock, () -> uniform);

    Task schedule(String worker, long inSeconds) {
        return tasks.schedule(new ScheduleTask.Command(clock.instant().plusSeconds(inSeconds), Optional.of(new Title("t")),
                new Worker(worker), Payload.EMPTY));
    }

    static TaskChanges status(TaskStatus s) {
        return new TaskChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(s));
    }

    static FindTasks.Query query(Optional<String> worker, Optional<TaskStatus> status, int limit, Optional<FindTasks.Cursor> after) {
        return new FindTasks.Query(worker.map(Worker::new), status, Optional.empty(), Optional.empty(), limit, after);
    }

    @Test
    void scheduled_task_reads_back_and_is_announced() {
        Task t = schedule("w1", 60);
        assertEquals(t, tasks.get(t.id()));
        assertEquals(List.of("created " + t.id()), events.events());
    }

    @Test
    void unknown_task_is_not_found_for_every_use_case() {
        TaskId id = TaskId.random();
        assertThrows(NotFound.class, () -> tasks.get(id));
        assertThrows(NotFound.class, () -> tasks.patch(id, TaskChanges.NONE, Optional.empty()));
        assertThrows(NotFound.class, () -> tasks.remove(id, Optional.empty()));
        assertThrows(NotFound.class, () -> tasks.mergePayload(id, Payload.EMPTY, Optional.empty()));
        assertThrows(NotFound.class, () -> tasks.removePayloadKey(id, "k", Optional.empty()));
    }

    @Test
    void pages_follow_start_then_id_and_filters_combine() {
        List<Task> w1 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            w1.add(schedule("w1", 100 + i));
            schedule("w2", 100 + i);
        }
        FindTasks.Page first = tasks.find(query(Optional.of("w1"), Optional.of(TaskStatus.SCHEDULED), 2, Optional.empty()));
        assertEquals(w1.subList(0, 2), first.tasks());
        FindTasks.Page second = tasks.find(query(Optional.of("w1"), Optional.empty(), 2, first.next()));
        assertEquals(w1.subList(2, 4), second.tasks());
        FindTasks.Page last = tasks.find(query(Optional.of("w1"), Optional.empty(), 2, second.next()));
        assertEquals(w1.subList(4, 5), last.tasks());
        assertTrue(last.next().isEmpty());
        assertThrows(Invalid.class, () -> tasks.find(query(Optional.empty(), Optional.empty(), 0, Optional.empty())));
        assertThrows(Invalid.class, () -> tasks.find(query(Optional.empty(), Optional.empty(), 1001, Optional.empty())));
    }

    @Test
    void from_and_to_are_strict_bounds() {
        Task a = schedule("w", 100);
        Task b = schedule("w", 200);
        Task c = schedule("w", 300);
        var between = tasks.find(new FindTasks.Query(Optional.empty(), Optional.empty(), Optional.of(a.start()),
                Optional.of(c.start()), 100, Optional.empty()));
        assertEquals(List.of(b), between.tasks());
    }

    @Test
    void patch_changes_fields_and_bumps_the_version_once() {
        Task t = schedule("w1", 60);
        Task patched = tasks.patch(t.id(), new TaskChanges(Optional.of(T0.plusSeconds(600)), Optional.of(Optional.empty()),
                Optional.of(new Worker("w2")), Optional.empty()), Optional.of(1L));
        assertEquals(T0.plusSeconds(600), patched.start());
        assertTrue(patched.title().isEmpty());
        assertEquals("w2", patched.worker().value());
        assertEquals(2, patched.version());
        assertThrows(PreconditionFailed.class, () -> tasks.patch(t.id(), status(TaskStatus.RUNNING), Optional.of(1L)));
        assertEquals(patched, tasks.patch(t.id(), TaskChanges.NONE, Optional.of(2L)), "an empty patch changes nothing");
    }

    @Test
    void running_tasks_cannot_be_deleted_others_can() {
        Task t = schedule("w1", 60);
        tasks.patch(t.id(), status(TaskStatus.RUNNING), Optional.empty());
        assertThrows(Conflict.class, () -> tasks.remove(t.id(), Optional.empty()));
        tasks.patch(t.id(), status(TaskStatus.FAILED), Optional.empty());
        tasks.remove(t.id(), Optional.empty());
        assertThrows(NotFound.class, () -> tasks.get(t.id()));
        assertEquals("deleted " + t.id(), events.events().get(events.events().size() - 1), "told once committed");
        assertEquals("deleted@0", historyOf(t.id()).get(historyOf(t.id()).size() - 1), "its history outlives it");
    }

    @Test
    void claim_hands_out_due_tasks_of_that_worker_earliest_first() {
        Task later = schedule("w1", 20);
        Task earlier = schedule("w1", 10);
        Task notYet = schedule("w1", 1_000);
        schedule("w2", 10);
        clock.advance(Duration.ofSeconds(30));
        List<Task> claimed = tasks.claim(new Worker("w1"), 10, 60);
        assertEquals(List.of(earlier.id(), later.id()), claimed.stream().map(Task::id).toList());
        assertTrue(claimed.stream().allMatch(t -> t.status() == TaskStatus.RUNNING));
        assertEquals(List.of(), tasks.claim(new Worker("w1"), 10, 60), "nothing is handed out twice");
        assertEquals(TaskStatus.SCHEDULED, tasks.get(notYet.id()).status());
        assertThrows(Invalid.class, () -> tasks.claim(new Worker("w1"), 0, 60));
        assertThrows(Invalid.class, () -> tasks.claim(new Worker("w1"), 101, 60));
        assertTrue(events.events().contains("claimed " + earlier.id() + " by w1"));
    }

    Task claimOne(String worker, int leaseSeconds) {
        return claimOne(tasks, worker, leaseSeconds);
    }

    static Task claimOne(TaskService service, String worker, int leaseSeconds) {
        List<Task> claimed = service.claim(new Worker(worker), 1, leaseSeconds);
        assertEquals(1, claimed.size(), "one task claimed");
        return claimed.get(0);
    }

    static LeaseToken token(Task task) {
        return task.lease().orElseThrow().token();
    }

    @Test
    void a_claim_leases_each_task_for_the_time_asked_and_refuses_leases_out_of_bounds() {
        schedule("w1", 10);
        clock.advance(Duration.ofSeconds(10));
        assertThrows(Invalid.class, () -> tasks.claim(new Worker("w1"), 1, 0));
        assertThrows(Invalid.class, () -> tasks.claim(new Worker("w1"), 1, 3601));
        Task a = claimOne("w1", 45);
        assertEquals(clock.instant().plusSeconds(45), a.lease().orElseThrow().expires());
        assertEquals(1, a.attempt());
        assertEquals(a, tasks.get(a.id()), "the lease is stored");
    }

    @Test
    void a_zombie_worker_is_fenced_off_once_its_task_was_handed_out_again() {
        Task t = schedule("w1", 10);
        clock.advance(Duration.ofSeconds(10));
        Task byA = claimOne("w1", 1);
        clock.advance(Duration.ofSeconds(2)); // A stalls past its lease
        Task byB = claimOne("w1", 60);
        assertEquals(t.id(), byB.id());
        assertEquals(2, byB.attempt());
        assertEquals("lease-lost", assertThrows(Conflict.class, () -> tasks.complete(t.id(), token(byA))).code());
        assertEquals("lease-lost", assertThrows(Conflict.class, () -> tasks.heartbeat(t.id(), token(byA), 60)).code());
        assertEquals("lease-lost", assertThrows(Conflict.class, () -> tasks.fail(t.id(), token(byA), Optional.empty(), true)).code());
        assertEquals(byB, tasks.get(t.id()), "the refused steps left the task untouched");
        Task done = tasks.complete(t.id(), token(byB));
        assertEquals(TaskStatus.SUCCEEDED, done.status());
        assertEquals(Optional.empty(), done.lease());
        assertEquals("lease-lost", assertThrows(Conflict.class, () -> tasks.complete(t.id(), token(byB))).code(),
                "a second complete is not accepted either");
    }

    @Test
    void heartbeats_keep_a_long_run_alive_past_its_first_lease() {
        schedule("w1", 10);
        clock.advance(Duration.ofSeconds(10));
        Task run = claimOne("w1", 5);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(4));
            run = tasks.heartbeat(run.id(), token(run), 5);
            assertEquals(List.of(), tasks.claim(new Worker("w1"), 1, 5), "still leased: not handed out again");
        }
        assertEquals(1, tasks.get(run.id()).attempt());
        Task last = run;
        assertEquals(TaskStatus.SUCCEEDED, tasks.complete(last.id(), token(last)).status());
        assertThrows(NotFound.class, () -> tasks.heartbeat(TaskId.random(), token(last), 5));
    }

    @Test
    void failures_retry_after_a_doubling_back_off_until_the_attempts_are_used_up() {
        Task t = tasks.schedule(new ScheduleTask.Command(clock.instant().plusSeconds(10), Optional.empty(), new Worker("w1"),
                Payload.EMPTY, new Retries(3, 10)));
        clock.advance(Duration.ofSeconds(10));
        Task first = claimOne("w1", 60);
        Task again = tasks.fail(t.id(), token(first), Optional.of(new Failure("disk full")), true);
        assertEquals(TaskStatus.SCHEDULED, again.status());
        assertEquals(clock.instant().plusSeconds(10), again.start(), "10 s after the first attempt");
        assertEquals("disk full", again.lastError().orElseThrow().value());
        assertEquals(List.of(), tasks.claim(new Worker("w1"), 1, 60), "not due during the back-off");
        clock.advance(Duration.ofSeconds(10));
        Task second = claimOne("w1", 60);
        assertEquals(2, second.attempt());
        uniform = 0.0;
        assertEquals(clock.instant().plusSeconds(16), tasks.fail(t.id(), token(second), Optional.empty(), true).start(),
                "20 s after the second, 20 % early at the bottom of the jitter band");
        clock.advance(Duration.ofSeconds(16));
        Task third = claimOne("w1", 60);
        Task failed = tasks.fail(t.id(), token(third), Optional.of(new Failure("still full")), true);
        assertEquals(TaskStatus.FAILED, failed.status(), "the third attempt was the last");
        assertEquals(3, failed.attempt());
        assertTrue(events.events().contains("changed " + t.id() + " RUNNING->FAILED"));
    }

    @Test
    void a_failure_that_asks_for_no_retry_fails_at_once() {
        Task t = schedule("w1", 10);
        clock.advance(Duration.ofSeconds(10));
        Task run = claimOne("w1", 60);
        assertEquals(TaskStatus.FAILED, tasks.fail(t.id(), token(run), Optional.empty(), false).status());
    }

    @Test
    void the_sweep_returns_expired_runs_and_fails_those_without_attempts_left() {
        Task retried = tasks.schedule(new ScheduleTask.Command(clock.instant().plusSeconds(10), Optional.empty(), new Worker("w1"),
                Payload.EMPTY, new Retries(2, 10)));
        Task last = tasks.schedule(new ScheduleTask.Command(clock.instant().plusSeconds(10), Optional.empty(), new Worker("w2"),
                Payload.EMPTY, new Retries(1, 10)));
        Task alive = schedule("w3", 10);
        clock.advance(Duration.ofSeconds(10));
        claimOne("w1", 5);
        claimOne("w2", 5);
        claimOne("w3", 60);
        assertEquals(0, tasks.expireLeases(10), "nothing expired yet");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(2, tasks.expireLeases(1), "in batches of one, until none is left");
        assertEquals(TaskStatus.SCHEDULED, tasks.get(retried.id()).status());
        assertEquals(Optional.empty(), tasks.get(retried.id()).lease());
        assertEquals(TaskStatus.FAILED, tasks.get(last.id()).status());
        assertEquals(TaskStatus.RUNNING, tasks.get(alive.id()).status());
        assertTrue(events.events().containsAll(List.of("changed " + retried.id() + " RUNNING->SCHEDULED",
                "changed " + last.id() + " RUNNING->FAILED")), "each swept task is told");
        assertEquals(0, tasks.expireLeases(10));
        assertThrows(IllegalArgumentException.class, () -> tasks.expireLeases(0));
        assertEquals(2, claimOne("w1", 5).attempt(), "swept, then claimed as its second attempt");
    }

    @Test
    void a_claim_fails_an_expired_run_without_attempts_left_instead_of_handing_it_out() {
        Task t = tasks.schedule(new ScheduleTask.Command(clock.instant().plusSeconds(10), Optional.empty(), new Worker("w1"),
                Payload.EMPTY, new Retries(1, 10)));
        clock.advance(Duration.ofSeconds(10));
        claimOne("w1", 1);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), tasks.claim(new Worker("w1"), 5, 60));
        assertEquals(TaskStatus.FAILED, tasks.get(t.id()).status());
        assertTrue(events.events().contains("changed " + t.id() + " RUNNING->FAILED"));
    }

    List<String> historyOf(TaskId id) {
        return tasks.history(id).stream().map(e -> e.type().wireName() + "@" + e.attempt()).toList();
    }

    @Test
    void the_history_tells_every_step_of_every_attempt_and_outlives_the_task() {
        Task t = schedule("w1", 10);
        tasks.mergePayload(t.id(), Payload.of(Map.of("a", "1")), Optional.empty());
        clock.advance(Duration.ofSeconds(10));
        claimOne("w1", 1);                                        // attempt 1 stalls
        clock.advance(Duration.ofSeconds(1));
        Task second = claimOne("w1", 60);                         // its lease expired: attempt 2
        clock.advance(Duration.ofSeconds(1));
        tasks.heartbeat(t.id(), token(second), 60);
        tasks.fail(t.id(), token(second), Optional.of(new Failure("boom")), true);
        clock.advance(Duration.ofHours(1));
        Task third = claimOne("w1", 60);
        tasks.complete(t.id(), token(third));
        tasks.remove(t.id(), Optional.empty());
        assertEquals(List.of("created@0", "payload_changed@0", "claimed@1", "lease_expired@1", "claimed@2", "heartbeat@2",
                "failed@2", "retry_scheduled@2", "claimed@3", "completed@3", "deleted@3"), historyOf(t.id()),
                "oldest first, and still there after the delete");
        assertEquals("boom", tasks.history(t.id()).get(6).detail().orElseThrow());
        assertThrows(NotFound.class, () -> tasks.history(TaskId.random()));
    }

    @Test
    void stats_are_counted_as_of_the_service_clock() {
        Task t = schedule("w1", 10);
        clock.advance(Duration.ofSeconds(10));
        claimOne("w1", 5);
        assertEquals(0, tasks.stats().expiredLeases());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(1, tasks.stats().expiredLeases(), "its lease ended at the service's now");
        assertEquals(1L, tasks.stats().byStatus().get(TaskStatus.RUNNING));
        assertEquals(TaskStatus.RUNNING, tasks.get(t.id()).status());
    }

    @Test
    void the_history_records_expiries_by_the_sweep_and_changes_by_hand() {
        Task t = tasks.schedule(new ScheduleTask.Command(clock.instant().plusSeconds(10), Optional.empty(), new Worker("w1"),
                Payload.EMPTY, new Retries(1, 10)));
        Task other = schedule("w2", 10);
        tasks.patch(other.id(), status(TaskStatus.FAILED), Optional.empty());
        clock.advance(Duration.ofSeconds(10));
        claimOne("w1", 5);
        clock.advance(Duration.ofSeconds(5));
        tasks.expireLeases(10);
        assertEquals(List.of("created@0", "claimed@1", "lease_expired@1", "failed@1"), historyOf(t.id()));
        assertEquals(List.of("created@0", "changed@0"), historyOf(other.id()));
        assertEquals("status SCHEDULED -> FAILED", tasks.history(other.id()).get(1).detail().orElseThrow());
        assertEquals(List.of(), tasks.history(schedule("w3", 10).id()).stream().filter(e -> e.type() != org.portside.domain.tasks.TaskEvent.Type.CREATED).toList());
    }

    @Test
    void history_older_than_the_retention_is_pruned_in_batches() {
        Task old = schedule("w1", 10);
        tasks.patch(old.id(), status(TaskStatus.FAILED), Optional.empty());
        clock.advance(Duration.ofDays(31));
        Task recent = schedule("w1", 10);
        assertEquals(2, tasks.pruneHistory(Duration.ofDays(30), 1));
        assertEquals(List.of(), history.of(old.id()));
        assertEquals(1, history.of(recent.id()).size());
        assertEquals(0, tasks.pruneHistory(Duration.ofDays(30), 1));
        assertThrows(IllegalArgumentException.class, () -> tasks.pruneHistory(Duration.ofDays(30), 0));
    }

    @Test
    void payload_patches_keep_other_keys() {
        Task t = schedule("w1", 60);
        tasks.mergePayload(t.id(), Payload.of(Map.of("a", "1")), Optional.empty());
        Task both = tasks.mergePayload(t.id(), Payload.of(Map.of("b", "2")), Optional.empty());
        assertEquals(Map.of("a", "1", "b", "2"), both.payload().values());
        assertEquals(Map.of("b", "2"), tasks.removePayloadKey(t.id(), "a", Optional.empty()).payload().values());
        assertThrows(NotFound.class, () -> tasks.removePayloadKey(t.id(), "a", Optional.empty()));
    }

    /** A service whose store lets another request's change in between a change's read and its write. */
    RacingTaskStore racing = new RacingTaskStore(store);
    final TaskService raced = new TaskService(racing, history, events, transactions, clock, () -> uniform);

    @Test
    void a_change_that_another_overtook_is_worked_out_again_on_what_that_one_wrote() {
        Task t = schedule("w1", 60);
        racing.beforeNextReplace(() -> raced.mergePayload(t.id(), Payload.of(Map.of("a", "1")), Optional.empty()));
        Task merged = raced.mergePayload(t.id(), Payload.of(Map.of("b", "2")), Optional.empty());
        assertEquals(Map.of("a", "1", "b", "2"), merged.payload().values(), "neither key is lost");
        assertEquals(3, merged.version());
        assertEquals(3, racing.replaces, "the overtaken write was refused and made again");
        assertEquals(List.of("created@0", "payload_changed@0", "payload_changed@0"), historyOf(t.id()),
                "the refused write left no event");
    }

    @Test
    void a_complete_overtaken_by_a_change_by_hand_has_lost_its_lease() {
        schedule("w1", 10);
        clock.advance(Duration.ofSeconds(10));
        Task run = claimOne("w1", 60);
        racing.beforeNextReplace(() -> raced.patch(run.id(), status(TaskStatus.FAILED), Optional.empty()));
        assertEquals("lease-lost", assertThrows(Conflict.class, () -> raced.complete(run.id(), token(run))).code());
        Task now = tasks.get(run.id());
        assertEquals(TaskStatus.FAILED, now.status(), "the change by hand stands");
        assertEquals(List.of("created@0", "claimed@1", "changed@1"), historyOf(run.id()));
    }

    @Test
    void an_if_match_read_before_another_change_fails_when_worked_out_again() {
        Task t = schedule("w1", 60);
        racing.beforeNextReplace(() -> raced.mergePayload(t.id(), Payload.of(Map.of("a", "1")), Optional.empty()));
        assertThrows(PreconditionFailed.class, () -> raced.patch(t.id(), status(TaskStatus.FAILED), Optional.of(1L)));
        assertEquals(TaskStatus.SCHEDULED, tasks.get(t.id()).status());
    }

    @Test
    void a_task_deleted_while_it_changes_is_not_found() {
        Task t = schedule("w1", 60);
        racing.beforeNextReplace(() -> raced.remove(t.id(), Optional.empty()));
        assertThrows(NotFound.class, () -> raced.mergePayload(t.id(), Payload.of(Map.of("a", "1")), Optional.empty()));
    }

    /**
     * A service that keeps hints of what it wrote (as another instance's service, {@link #tasks} shares
     * its store but not its hints): a hint may save a read, never change an answer.
     */
    final KeptRecentTasks recent = new KeptRecentTasks();
    final RacingTaskStore counted = new RacingTaskStore(store);
    final TaskService hinted = new TaskService(counted, history, events, transactions, clock, () -> uniform, recent);

    Task scheduleHinted(long inSeconds) {
        return hinted.schedule(new ScheduleTask.Command(T0.plusSeconds(inSeconds), Optional.empty(), new Worker("w1"), Payload.EMPTY));
    }

    /** A run claimed here with a 1 s lease, and the next one, claimed by the other instance once it expired. */
    record Runs(Task here, Task elsewhere) {
    }

    Runs handedOutAgainElsewhere() {
        schedule("w1", 10);
        clock.advance(Duration.ofSeconds(10));
        Task here = claimOne(hinted, "w1", 1);
        clock.advance(Duration.ofSeconds(2));
        return new Runs(here, claimOne("w1", 60)); // the hint here is outdated now
    }

    @Test
    void the_steps_of_a_worker_after_its_claim_read_nothing_back() {
        Task t = scheduleHinted(10);
        clock.advance(Duration.ofSeconds(10));
        Task run = claimOne(hinted, "w1", 60);
        Task beaten = hinted.heartbeat(run.id(), token(run), 120);
        Task done = hinted.complete(run.id(), token(run));
        assertEquals(0, counted.finds, "each step started from the task as the step before wrote it");
        assertEquals(TaskStatus.SUCCEEDED, tasks.get(t.id()).status());
        assertEquals(done, tasks.get(t.id()), "what was answered is what was stored");
        assertEquals(T0.plusSeconds(130), beaten.lease().orElseThrow().expires());
        assertEquals(List.of("created@0", "claimed@1", "heartbeat@1", "completed@1"), historyOf(t.id()));
        assertEquals("changed " + t.id() + " RUNNING->SUCCEEDED", events.events().get(events.events().size() - 1),
                "a change from a hint is announced like any");
    }

    @Test
    void a_hint_outdated_by_another_instance_costs_a_read_not_a_wrong_answer() {
        Runs runs = handedOutAgainElsewhere();
        Task first = runs.here();
        Task second = runs.elsewhere();
        Task done = hinted.complete(second.id(), token(second));
        assertEquals(TaskStatus.SUCCEEDED, done.status(), "the hint's lease refused the current token; the read accepted it");
        assertEquals(1, counted.finds);
        assertEquals(done, recent.get(first.id()).orElseThrow(), "and what was written is the hint now");
    }

    @Test
    void a_zombie_whose_lease_matches_the_outdated_hint_still_loses_it() {
        Runs runs = handedOutAgainElsewhere();
        Task zombie = runs.here();
        Task second = runs.elsewhere();
        assertEquals("lease-lost", assertThrows(Conflict.class, () -> hinted.complete(zombie.id(), token(zombie))).code(),
                "the hint accepted the zombie's token, the write from it was refused, the read knew better");
        assertEquals(second, tasks.get(second.id()), "the second run is untouched");
        assertTrue(recent.get(zombie.id()).isEmpty(), "the outdated hint is dropped");
    }

    @Test
    void a_change_that_the_outdated_hint_already_shows_is_still_made() {
        Task t = scheduleHinted(60);
        tasks.patch(t.id(), status(TaskStatus.FAILED), Optional.empty());
        Task back = hinted.patch(t.id(), status(TaskStatus.SCHEDULED), Optional.empty());
        assertEquals(TaskStatus.SCHEDULED, back.status(), "nothing to change in the hint, but in the store there was");
        assertEquals(3, back.version());
        assertEquals(back, tasks.get(t.id()));
    }

    @Test
    void nothing_to_change_writes_nothing_and_answers_what_the_store_holds() {
        Task t = scheduleHinted(60);
        assertEquals(t, hinted.patch(t.id(), status(TaskStatus.SCHEDULED), Optional.empty()));
        assertEquals(0, counted.replaces, "no write tried, from the hint or after the read");
        assertEquals(1, counted.finds, "an unchanged hint proves nothing: the store was asked");
    }

    @Test
    void a_task_deleted_by_another_instance_is_not_found_whatever_the_hint_says() {
        Task t = scheduleHinted(60);
        tasks.remove(t.id(), Optional.empty());
        assertThrows(NotFound.class, () -> hinted.mergePayload(t.id(), Payload.of(Map.of("a", "1")), Optional.empty()));
        assertTrue(recent.get(t.id()).isEmpty());
    }

    @Test
    void hints_are_kept_for_every_write_and_dropped_with_the_task() {
        Task t = scheduleHinted(10);
        assertEquals(t, recent.get(t.id()).orElseThrow(), "after the create");
        clock.advance(Duration.ofSeconds(10));
        Task run = claimOne(hinted, "w1", 1);
        assertEquals(run, recent.get(t.id()).orElseThrow(), "after the claim");
        clock.advance(Duration.ofSeconds(2));
        hinted.expireLeases(10);
        Task swept = tasks.get(t.id());
        assertEquals(TaskStatus.SCHEDULED, swept.status());
        assertEquals(swept, recent.get(t.id()).orElseThrow(), "after the sweep");
        Task patched = hinted.patch(t.id(), status(TaskStatus.FAILED), Optional.empty());
        assertEquals(patched, recent.get(t.id()).orElseThrow(), "after a change");
        hinted.remove(t.id(), Optional.empty());
        assertTrue(recent.get(t.id()).isEmpty(), "gone with the task");
    }

    /**
     * The non-blocking reports of a service whose drains run when the test says (the executor only
     * collects them), so that reports can wait together; hints kept as {@link #hinted} keeps them.
     */
    final List<Runnable> drains = new ArrayList<>();
    final KeptRecentTasks batchedRecent = new KeptRecentTasks();
    final RacingTaskStore batchedStore = new RacingTaskStore(store);
    final TaskService batched = new TaskService(batchedStore, history, events, transactions, clock, () -> uniform,
            batchedRecent, drains::add, Batches.Limits.WRITES);

    /** Runs what was queued, and what that queued (a report that lost goes on to a read), until nothing is left. */
    void runDrains() {
        while (!drains.isEmpty()) {
            List<Runnable> now = List.copyOf(drains);
            drains.clear();
            now.forEach(Runnable::run);
        }
    }

    static Throwable failure(CompletionStage<?> stage) {
        return assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join()).getCause();
    }

    List<Task> claimedHere(int count) {
        for (int i = 0; i < count; i++) {
            schedule("w1", 10 + i);
        }
        clock.advance(Duration.ofSeconds(20));
        List<Task> claimed = batched.claim(new Worker("w1"), count, 60);
        assertEquals(count, claimed.size());
        return claimed;
    }

    ScheduleTask.Command command(String worker, long inSeconds) {
        return new ScheduleTask.Command(clock.instant().plusSeconds(inSeconds), Optional.of(new Title("t")),
                new Worker(worker), Payload.EMPTY);
    }

    List<Task> tasksOf(String worker) {
        return tasks.find(query(Optional.of(worker), Optional.empty(), 100, Optional.empty())).tasks();
    }

    @Test
    void new_tasks_that_wait_together_are_stored_by_one_store_call_and_each_is_answered_with_its_own() {
        CompletionStage<Task> a = batched.submit(command("w1", 10));
        CompletionStage<Task> b = batched.submit(command("w2", 20));
        assertEquals(List.of(), batchedStore.insertAlls, "nothing written before a drain runs");
        runDrains();
        Task first = a.toCompletableFuture().join();
        Task second = b.toCompletableFuture().join();
        assertEquals(List.of(List.of(first.id(), second.id())), batchedStore.insertAlls);
        assertEquals(0, batchedStore.inserts, "none by itself");
        assertEquals(List.of(first), tasksOf("w1"), "what was answered is what was stored");
        assertEquals(List.of(second), tasksOf("w2"));
        assertEquals(TaskStatus.SCHEDULED, first.status());
        assertEquals(clock.instant().plusSeconds(20), second.start());
        assertEquals(List.of("created@0"), historyOf(first.id()));
        assertEquals(List.of("created@0"), historyOf(second.id()));
        assertEquals(List.of("created " + first.id(), "created " + second.id()), events.events(), "announced once stored");
        assertEquals(first, batchedRecent.get(first.id()).orElseThrow(), "kept as written, for its next change");
    }

    @Test
    void a_new_task_the_domain_refuses_throws_at_once_and_waits_for_nothing() {
        assertThrows(Invalid.class, () -> batched.submit(command("w1", -10)));
        assertTrue(drains.isEmpty());
        assertEquals(List.of(), tasksOf("w1"));
    }

    @Test
    void a_batch_of_new_tasks_that_fails_is_stored_again_one_by_one_and_an_outage_fails_it_at_once() {
        IllegalStateException batchFailure = new IllegalStateException("one of them could not be stored");
        batchedStore.insertAllFailure = batchFailure;
        CompletionStage<Task> lone = batched.submit(command("w0", 10));
        runDrains();
        assertEquals(batchFailure, failure(lone), "a batch of one is not stored again: its own failure is the batch's");
        assertEquals(0, batchedStore.inserts);

        batchedStore.beforeNextInsert(() -> {
            throw new IllegalStateException("this one cannot be stored");
        });
        CompletionStage<Task> unstorable = batched.submit(command("w1", 10));
        CompletionStage<Task> b = batched.submit(command("w2", 10));
        runDrains();
        assertEquals("this one cannot be stored", failure(unstorable).getMessage(), "it fails its own request");
        Task stored = b.toCompletableFuture().join();
        assertEquals(List.of(stored), tasksOf("w2"), "stored on its own");
        assertEquals(List.of("created@0"), historyOf(stored.id()));
        assertEquals(List.of(), tasksOf("w0"));
        assertEquals(List.of(), tasksOf("w1"));
        assertEquals(List.of("created " + stored.id()), events.events(), "only what was stored is announced");

        batchedStore.insertAllFailure = new StoreUnavailable("the database is down", new RuntimeException());
        CompletionStage<Task> c = batched.submit(command("w3", 10));
        CompletionStage<Task> d = batched.submit(command("w3", 20));
        int inserts = batchedStore.inserts;
        runDrains();
        assertTrue(failure(c) instanceof StoreUnavailable);
        assertTrue(failure(d) instanceof StoreUnavailable);
        assertEquals(inserts, batchedStore.inserts, "not tried one by one against a database that is down");
        assertEquals(List.of(), tasksOf("w3"));
    }

    @Test
    void reports_that_wait_together_are_written_by_one_store_call_and_each_is_answered_for_itself() {
        List<Task> runs = claimedHere(3);
        CompletionStage<Task> first = batched.submitComplete(runs.get(0).id(), token(runs.get(0)));
        CompletionStage<Task> second = batched.submitFail(runs.get(1).id(), token(runs.get(1)), Optional.of(new Failure("boom")), true);
        CompletionStage<Task> wrongToken = batched.submitComplete(runs.get(2).id(), token(runs.get(0)));
        assertTrue(drains.size() >= 1);
        runDrains();
        assertEquals(List.of(List.of(runs.get(0).id(), runs.get(1).id())), batchedStore.replaceAlls,
                "the two reports the hints accepted, in one call; the refused one went to a read");
        assertEquals(TaskStatus.SUCCEEDED, first.toCompletableFuture().join().status());
        assertEquals(TaskStatus.SCHEDULED, second.toCompletableFuture().join().status(), "failed, retried after its back-off");
        assertEquals("lease-lost", ((Conflict) failure(wrongToken)).code());
        assertEquals(first.toCompletableFuture().join(), tasks.get(runs.get(0).id()), "what was answered is what was stored");
        assertEquals(second.toCompletableFuture().join(), tasks.get(runs.get(1).id()));
        assertEquals(TaskStatus.RUNNING, tasks.get(runs.get(2).id()).status());
        assertEquals(List.of("created@0", "claimed@1", "completed@1"), historyOf(runs.get(0).id()));
        assertEquals(List.of("created@0", "claimed@1", "failed@1", "retry_scheduled@1"), historyOf(runs.get(1).id()));
        assertEquals(List.of("created@0", "claimed@1"), historyOf(runs.get(2).id()));
        assertEquals(1, batchedStore.finds, "only the refused report read its task");
    }

    @Test
    void of_two_reports_on_one_task_in_a_batch_only_the_first_is_written_the_other_reads_it_again() {
        Task run = claimedHere(1).get(0);
        CompletionStage<Task> done = batched.submitComplete(run.id(), token(run));
        CompletionStage<Task> beat = batched.submitHeartbeat(run.id(), token(run), 120);
        runDrains();
        assertEquals(List.of(List.of(run.id())), batchedStore.replaceAlls, "both were made from one version: one goes in");
        assertEquals(TaskStatus.SUCCEEDED, done.toCompletableFuture().join().status());
        assertEquals("lease-lost", ((Conflict) failure(beat)).code(), "read again: the task is done, its lease gone");
        assertEquals(List.of("created@0", "claimed@1", "completed@1"), historyOf(run.id()));
    }

    @Test
    void a_batch_that_fails_is_written_again_one_by_one_and_an_outage_fails_it_at_once() {
        List<Task> runs = claimedHere(4);
        IllegalStateException batchFailure = new IllegalStateException("one of them could not be written");
        batchedStore.replaceAllFailure = batchFailure;
        CompletionStage<Task> lone = batched.submitHeartbeat(runs.get(0).id(), token(runs.get(0)), 120);
        runDrains();
        assertEquals(batchFailure, failure(lone), "a batch of one is not written again: its own failure is the batch's");
        assertEquals(0, batchedStore.replaces);

        batchedStore.beforeNextReplace(() -> {
            throw new IllegalStateException("this one cannot be written");
        });
        CompletionStage<Task> unwritable = batched.submitComplete(runs.get(0).id(), token(runs.get(0)));
        CompletionStage<Task> b = batched.submitComplete(runs.get(1).id(), token(runs.get(1)));
        runDrains();
        assertEquals("this one cannot be written", failure(unwritable).getMessage(), "it fails its own report");
        assertEquals(TaskStatus.SUCCEEDED, b.toCompletableFuture().join().status(), "written on its own");
        assertEquals(TaskStatus.SUCCEEDED, tasks.get(runs.get(1).id()).status());
        assertEquals(TaskStatus.RUNNING, tasks.get(runs.get(0).id()).status());
        assertEquals(0, batchedStore.finds, "each written from its hint again, none read");

        batchedStore.replaceAllFailure = new StoreUnavailable("the database is down", new RuntimeException());
        CompletionStage<Task> c = batched.submitComplete(runs.get(2).id(), token(runs.get(2)));
        CompletionStage<Task> d = batched.submitComplete(runs.get(3).id(), token(runs.get(3)));
        int replaces = batchedStore.replaces;
        runDrains();
        assertTrue(failure(c) instanceof StoreUnavailable);
        assertTrue(failure(d) instanceof StoreUnavailable);
        assertEquals(replaces, batchedStore.replaces, "not tried one by one against a database that is down");
        assertEquals(TaskStatus.RUNNING, tasks.get(runs.get(2).id()).status());
    }

    @Test
    void of_two_reports_on_one_task_in_a_batch_written_again_one_by_one_only_the_first_is_written() {
        Task run = claimedHere(1).get(0);
        batchedStore.replaceAllFailure = new IllegalStateException("the batch could not be written");
        CompletionStage<Task> done = batched.submitComplete(run.id(), token(run));
        CompletionStage<Task> beat = batched.submitHeartbeat(run.id(), token(run), 120);
        runDrains();
        assertEquals(TaskStatus.SUCCEEDED, done.toCompletableFuture().join().status());
        assertEquals("lease-lost", ((Conflict) failure(beat)).code(), "told it lost, read again: the task is done");
        assertEquals(1, batchedStore.replaces, "the second is not written over the first");
        assertEquals(List.of("created@0", "claimed@1", "completed@1"), historyOf(run.id()));
    }

    @Test
    void a_report_without_a_hint_reads_its_task_first_and_a_refusing_pool_fails_it_without_throwing() {
        schedule("w1", 10);
        clock.advance(Duration.ofSeconds(10));
        Task elsewhere = claimOne("w1", 60); // by another instance: no hint here
        CompletionStage<Task> done = batched.submitComplete(elsewhere.id(), token(elsewhere));
        runDrains();
        assertEquals(TaskStatus.SUCCEEDED, done.toCompletableFuture().join().status());
        assertEquals(1, batchedStore.finds);
        assertEquals(List.of(), batchedStore.replaceAlls, "read and written on the pool, as the blocking form does");

        TaskService refused = new TaskService(batchedStore, history, events, transactions, clock, () -> uniform,
                batchedRecent, work -> {
                    throw new RejectedExecutionException("full");
                }, Batches.Limits.WRITES);
        Task hinted = claimedHere(1).get(0);
        assertTrue(failure(refused.submitComplete(hinted.id(), token(hinted))) instanceof RejectedExecutionException, "from a hint");
        assertTrue(failure(refused.submitComplete(elsewhere.id(), token(elsewhere))) instanceof RejectedExecutionException, "to a read");
        assertEquals(TaskStatus.RUNNING, tasks.get(hinted.id()).status());
    }

    @Test
    void a_report_whose_write_lost_reads_its_task_and_is_worked_out_on_what_it_finds() {
        List<Task> runs = claimedHere(2);
        Task byHand = runs.get(0);
        batchedStore.beforeNextReplace(() -> tasks.patch(byHand.id(), status(TaskStatus.FAILED), Optional.empty()));
        CompletionStage<Task> late = batched.submitComplete(byHand.id(), token(byHand));
        runDrains();
        assertEquals(List.of(List.of(byHand.id())), batchedStore.replaceAlls, "the hint accepted the report");
        assertEquals("lease-lost", ((Conflict) failure(late)).code(), "its write lost, the read found the change by hand");
        assertEquals(TaskStatus.FAILED, tasks.get(byHand.id()).status(), "which stands");
        assertTrue(batchedRecent.get(byHand.id()).isEmpty(), "the outdated hint is dropped");

        Task other = runs.get(1);
        batchedStore.beforeNextReplace(() -> tasks.mergePayload(other.id(), Payload.of(Map.of("a", "1")), Optional.empty()));
        CompletionStage<Task> done = batched.submitComplete(other.id(), token(other));
        runDrains();
        assertEquals(TaskStatus.SUCCEEDED, done.toCompletableFuture().join().status(), "worked out again on the new version");
        assertEquals(Map.of("a", "1"), done.toCompletableFuture().join().payload().values(), "the change made meanwhile kept");
        assertEquals(done.toCompletableFuture().join(), tasks.get(other.id()));
    }
}

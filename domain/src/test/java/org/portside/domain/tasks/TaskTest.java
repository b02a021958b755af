package org.portside.domain.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;
import org.portside.domain.shared.PreconditionFailed;

class TaskTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Worker W = new Worker("w1");

    static Task task(TaskStatus status) {
        return Task.restore(TaskId.random(), NOW.plusSeconds(60), Optional.empty(), W, status, Payload.EMPTY, 1);
    }

    static TaskChanges status(TaskStatus s) {
        return new TaskChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(s));
    }

    @Test
    void a_new_task_is_scheduled_with_its_start_truncated_to_the_second() {
        Task t = Task.schedule(TaskId.random(), Instant.parse("2026-12-01T10:00:00.987Z"), Optional.empty(), W, Payload.EMPTY, NOW);
        assertEquals(TaskStatus.SCHEDULED, t.status());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), t.start());
        assertEquals(1, t.version());
    }

    @Test
    void a_new_task_must_start_in_the_future() {
        assertThrows(Invalid.class, () -> Task.schedule(TaskId.random(), NOW, Optional.empty(), W, Payload.EMPTY, NOW));
        assertThrows(Invalid.class, () -> Task.schedule(TaskId.random(), NOW.plusMillis(500), Optional.empty(), W, Payload.EMPTY, NOW),
                "within the current second is not the future");
    }

    @ParameterizedTest
    @CsvSource({"SCHEDULED,RUNNING", "SCHEDULED,FAILED", "RUNNING,SUCCEEDED", "RUNNING,FAILED", "FAILED,SCHEDULED",
            "SCHEDULED,SCHEDULED", "SUCCEEDED,SUCCEEDED"})
    void allowed_status_changes(TaskStatus from, TaskStatus to) {
        assertEquals(to, task(from).apply(status(to), NOW, Optional.empty()).status());
    }

    @ParameterizedTest
    @CsvSource({"SCHEDULED,SUCCEEDED", "RUNNING,SCHEDULED", "SUCCEEDED,RUNNING", "SUCCEEDED,FAILED", "SUCCEEDED,SCHEDULED",
            "FAILED,RUNNING", "FAILED,SUCCEEDED"})
    void other_status_changes_conflict_naming_both_states(TaskStatus from, TaskStatus to) {
        Conflict e = assertThrows(Conflict.class, () -> task(from).apply(status(to), NOW, Optional.empty()));
        assertTrue(e.getMessage().contains(from.name()) && e.getMessage().contains(to.name()), e.getMessage());
    }

    @Test
    void setting_the_current_status_again_changes_nothing() {
        Task t = task(TaskStatus.RUNNING);
        assertSame(t, t.apply(status(TaskStatus.RUNNING), NOW, Optional.empty()));
    }

    @Test
    void a_retry_needs_a_start_in_the_future_possibly_set_in_the_same_patch() {
        Task failed = Task.restore(TaskId.random(), NOW.minusSeconds(60), Optional.empty(), W, TaskStatus.FAILED, Payload.EMPTY, 3);
        Invalid e = assertThrows(Invalid.class, () -> failed.apply(status(TaskStatus.SCHEDULED), NOW, Optional.empty()));
        assertEquals("start", e.violations().get(0).field());
        Task retried = failed.apply(new TaskChanges(Optional.of(NOW.plusSeconds(30)), Optional.empty(), Optional.empty(),
                Optional.of(TaskStatus.SCHEDULED)), NOW, Optional.empty());
        assertEquals(TaskStatus.SCHEDULED, retried.status());
        assertEquals(4, retried.version());
    }

    @Test
    void invalid_input_outranks_a_stale_etag_which_outranks_a_conflict() {
        Task done = task(TaskStatus.SUCCEEDED);
        TaskChanges pastStartAndIllegal = new TaskChanges(Optional.of(NOW.minusSeconds(1)), Optional.empty(), Optional.empty(),
                Optional.of(TaskStatus.RUNNING));
        assertThrows(Invalid.class, () -> done.apply(pastStartAndIllegal, NOW, Optional.of(99L)));
        assertThrows(PreconditionFailed.class, () -> done.apply(status(TaskStatus.RUNNING), NOW, Optional.of(99L)));
        assertThrows(Conflict.class, () -> done.apply(status(TaskStatus.RUNNING), NOW, Optional.of(1L)));
    }

    @Test
    void running_tasks_cannot_be_deleted() {
        assertThrows(Conflict.class, () -> task(TaskStatus.RUNNING).requireDeletable(Optional.empty()));
        task(TaskStatus.FAILED).requireDeletable(Optional.of(1L));
        assertThrows(PreconditionFailed.class, () -> task(TaskStatus.FAILED).requireDeletable(Optional.of(2L)));
    }

    @Test
    void payload_patches_replace_first_level_keys_and_keep_the_others() {
        Task t = task(TaskStatus.SCHEDULED).mergePayload(Payload.of(Map.of("a", "1", "b", "{\"x\":[1,2]}")), Optional.empty());
        Task patched = t.mergePayload(Payload.of(Map.of("b", "\"new\"", "c", "null")), Optional.of(2L));
        assertEquals(Map.of("a", "1", "b", "\"new\"", "c", "null"), patched.payload().values());
        assertEquals(3, patched.version());
        assertEquals("{\"a\":1,\"b\":\"new\",\"c\":null}", patched.payload().json());
        assertEquals(Map.of("b", "\"new\"", "c", "null"), patched.removePayloadKey("a", Optional.empty()).payload().values());
        assertThrows(NotFound.class, () -> patched.removePayloadKey("zzz", Optional.empty()));
        assertThrows(NotFound.class, () -> patched.removePayloadKey("zzz", Optional.of(99L)), "an unknown key outranks a stale ETag");
    }

    @Test
    void a_payload_may_not_exceed_256_kib_as_json() {
        String big = "\"" + "x".repeat(Payload.MAX_BYTES - 10) + "\"";
        Payload nearly = Payload.of(Map.of("k", big));
        assertThrows(Invalid.class, () -> nearly.merge(Payload.of(Map.of("l", big))));
        assertEquals(Payload.MAX_BYTES - 2, nearly.json().length());
    }

    @Test
    void a_claim_runs_only_scheduled_tasks_that_are_due_for_their_worker() {
        Task due = Task.restore(TaskId.random(), NOW, Optional.empty(), W, TaskStatus.SCHEDULED, Payload.EMPTY, 1);
        assertTrue(due.isDueFor(W, NOW));
        assertFalse(due.isDueFor(new Worker("other"), NOW));
        assertFalse(due.isDueFor(W, NOW.minus(Duration.ofSeconds(1))));
        assertEquals(TaskStatus.RUNNING, due.claim().status());
        assertThrows(Conflict.class, () -> due.claim().claim());
    }

    @Test
    void ids_are_canonical_uuids_and_anything_else_names_no_task() {
        assertTrue(TaskId.parse(TaskId.random().value()).isPresent());
        assertTrue(TaskId.parse("not-a-uuid").isEmpty());
        assertTrue(TaskId.parse("9094E4C9-80C7-4043-A4B5-86B420E69DDF").isEmpty());
        assertTrue(TaskId.parse(null).isEmpty());
    }
}

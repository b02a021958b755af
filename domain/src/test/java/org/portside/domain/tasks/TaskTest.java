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

    static final Duration LEASE = Duration.ofSeconds(30);

    static Task due() {
        return Task.restore(TaskId.random(), NOW, Optional.empty(), W, TaskStatus.SCHEDULED, Payload.EMPTY, 1);
    }

    static Task claimed(Task task, LeaseToken token) {
        return task.claim(NOW, LEASE, token);
    }

    @Test
    void a_claim_runs_only_scheduled_tasks_that_are_due_for_their_worker() {
        Task due = due();
        assertTrue(due.isDueFor(W, NOW));
        assertFalse(due.isDueFor(new Worker("other"), NOW));
        assertFalse(due.isDueFor(W, NOW.minus(Duration.ofSeconds(1))));
        LeaseToken token = LeaseToken.random();
        Task running = due.claim(NOW, LEASE, token);
        assertEquals(TaskStatus.RUNNING, running.status());
        assertEquals(1, running.attempt());
        assertEquals(Optional.of(new Lease(token, NOW.plus(LEASE))), running.lease());
        assertEquals(due.version() + 1, running.version());
        assertThrows(Conflict.class, () -> running.claim(NOW, LEASE, LeaseToken.random()));
        Task later = Task.restore(TaskId.random(), NOW.plusSeconds(1), Optional.empty(), W, TaskStatus.SCHEDULED, Payload.EMPTY, 1);
        assertEquals("not-due", assertThrows(Conflict.class, () -> later.claim(NOW, LEASE, token)).code());
    }

    @Test
    void a_running_task_is_due_again_exactly_when_its_lease_expires() {
        Task running = claimed(due(), LeaseToken.random());
        assertEquals(Optional.of(NOW.plus(LEASE)), running.dueAt());
        assertFalse(running.isDueFor(W, NOW.plus(LEASE).minusMillis(1)));
        assertFalse(running.hasExpiredLease(NOW.plus(LEASE).minusMillis(1)));
        assertTrue(running.isDueFor(W, NOW.plus(LEASE)));
        assertTrue(running.hasExpiredLease(NOW.plus(LEASE)));
        Task byHand = task(TaskStatus.SCHEDULED).apply(status(TaskStatus.RUNNING), NOW, Optional.empty());
        assertEquals(Optional.empty(), byHand.dueAt(), "RUNNING by hand, without a lease, is never handed out");
        assertEquals(Optional.empty(), task(TaskStatus.SUCCEEDED).dueAt());
        assertEquals(Optional.empty(), task(TaskStatus.FAILED).dueAt());
        assertEquals(Optional.of(NOW.plusSeconds(60)), task(TaskStatus.SCHEDULED).dueAt());
    }

    @Test
    void an_expired_lease_returns_the_task_while_attempts_are_left_then_fails_it() {
        Task first = claimed(due(), LeaseToken.random());
        Task back = first.expireLease(NOW.plus(LEASE));
        assertEquals(TaskStatus.SCHEDULED, back.status());
        assertEquals(Optional.empty(), back.lease());
        assertEquals(1, back.attempt());
        assertTrue(back.lastError().orElseThrow().value().contains("lease expired"), back.lastError().toString());
        assertTrue(back.isDueFor(W, NOW.plus(LEASE)), "due again at once");
        Task third = claimed(claimed(back, LeaseToken.random()).expireLease(NOW.plus(LEASE)), LeaseToken.random());
        assertEquals(3, third.attempt());
        assertEquals(TaskStatus.FAILED, third.expireLease(NOW.plus(LEASE)).status(), "3 attempts were all there were");
        assertThrows(IllegalStateException.class, () -> first.expireLease(NOW.plus(LEASE).minusMillis(1)));
    }

    @Test
    void heartbeat_complete_and_fail_need_the_current_unexpired_lease() {
        LeaseToken token = LeaseToken.random();
        Task running = claimed(due(), token);
        Instant soon = NOW.plusSeconds(20);
        Task extended = running.heartbeat(token, soon, LEASE);
        assertEquals(soon.plus(LEASE), extended.lease().orElseThrow().expires());
        assertEquals(running.version() + 1, extended.version());
        assertEquals(TaskStatus.SUCCEEDED, extended.complete(token, soon.plus(LEASE).minusMillis(1)).status());
        assertEquals(Optional.empty(), extended.complete(token, soon).lease());

        LeaseToken other = LeaseToken.random();
        for (Task t : new Task[] {running, task(TaskStatus.SCHEDULED), task(TaskStatus.SUCCEEDED)}) {
            assertEquals("lease-lost", assertThrows(Conflict.class, () -> t.heartbeat(other, NOW, LEASE)).code());
            assertEquals("lease-lost", assertThrows(Conflict.class, () -> t.complete(other, NOW)).code());
            assertEquals("lease-lost", assertThrows(Conflict.class, () -> t.fail(other, NOW, Optional.empty(), true, 0.5)).code());
        }
        Instant expiry = NOW.plus(LEASE);
        assertEquals("lease-lost", assertThrows(Conflict.class, () -> running.complete(token, expiry)).code(),
                "at its expiry the lease is gone, even before anyone took the task");
        assertEquals("lease-lost", assertThrows(Conflict.class, () -> running.heartbeat(token, expiry, LEASE)).code());
    }

    @Test
    void a_change_of_status_by_hand_ends_the_lease_and_a_retry_by_hand_restores_the_attempts() {
        LeaseToken token = LeaseToken.random();
        Task running = claimed(due(), token);
        Task renamed = running.apply(new TaskChanges(Optional.empty(), Optional.of(Optional.of(new Title("t"))),
                Optional.empty(), Optional.empty()), NOW, Optional.empty());
        assertEquals(running.lease(), renamed.lease(), "a change of something else keeps the run going");
        Task failed = running.apply(status(TaskStatus.FAILED), NOW, Optional.empty());
        assertEquals(Optional.empty(), failed.lease());
        assertEquals("lease-lost", assertThrows(Conflict.class, () -> failed.complete(token, NOW)).code());
        Task retried = failed.apply(new TaskChanges(Optional.of(NOW.plusSeconds(5)), Optional.empty(), Optional.empty(),
                Optional.of(TaskStatus.SCHEDULED)), NOW, Optional.empty());
        assertEquals(0, retried.attempt());
    }

    @Test
    void a_failure_with_attempts_left_is_scheduled_after_the_back_off_else_it_fails() {
        LeaseToken token = LeaseToken.random();
        Task running = claimed(due(), token);
        Failure boom = new Failure("boom");
        Task again = running.fail(token, NOW, Optional.of(boom), true, 0.5);
        assertEquals(TaskStatus.SCHEDULED, again.status());
        assertEquals(NOW.plusSeconds(10), again.start(), "10 s × 2^0, in the middle of the jitter band");
        assertEquals(Optional.of(boom), again.lastError());
        assertEquals(Optional.empty(), again.lease());
        assertEquals(TaskStatus.FAILED, running.fail(token, NOW, Optional.of(boom), false, 0.5).status(), "retry: false");
        assertEquals(NOW, running.fail(token, NOW, Optional.of(boom), false, 0.5).start(), "a final failure keeps its start");

        Task last = Task.restore(TaskId.random(), NOW, Optional.empty(), W, TaskStatus.SCHEDULED, Payload.EMPTY, 1,
                new Retries(2, 10), 1, Optional.empty(), Optional.empty()).claim(NOW, LEASE, token);
        assertEquals(2, last.attempt());
        assertEquals(TaskStatus.FAILED, last.fail(token, NOW, Optional.empty(), true, 0.5).status(), "no attempt left");
    }

    @Test
    void the_back_off_doubles_per_attempt_within_twenty_percent_and_stops_at_an_hour() {
        Retries r = new Retries(100, 10);
        assertEquals(Duration.ofSeconds(10), r.delayAfter(1, 0.5));
        assertEquals(Duration.ofSeconds(20), r.delayAfter(2, 0.5));
        assertEquals(Duration.ofSeconds(40), r.delayAfter(3, 0.5));
        assertEquals(Duration.ofSeconds(8), r.delayAfter(1, 0.0), "20 % less at the bottom of the band");
        assertTrue(r.delayAfter(1, 0.999999).compareTo(Duration.ofSeconds(12)) < 0, "under 20 % more at the top");
        assertTrue(r.delayAfter(1, 0.999999).compareTo(Duration.ofMillis(11_999)) >= 0);
        assertEquals(Duration.ofHours(1), r.delayAfter(12, 0.5), "10 s × 2^11 is over an hour");
        assertEquals(Duration.ofHours(1), r.delayAfter(100, 0.0));
        assertEquals(Duration.ZERO, new Retries(3, 0).delayAfter(3, 0.7));
        assertThrows(IllegalArgumentException.class, () -> r.delayAfter(1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> r.delayAfter(1, -0.1));
        assertTrue(r.allowAfter(99));
        assertFalse(r.allowAfter(100));
    }

    @ParameterizedTest
    @CsvSource({"0,10,max_attempts", "101,10,max_attempts", "3,-1,backoff_seconds", "3,3601,backoff_seconds"})
    void retries_are_bounded(int maxAttempts, int backoff, String field) {
        Invalid e = assertThrows(Invalid.class, () -> new Retries(maxAttempts, backoff));
        assertEquals(field, e.violations().get(0).field());
    }

    @Test
    void retries_at_their_bounds_are_fine_and_change_by_patch() {
        assertEquals(new Retries(1, 0), new Retries(1, 0));
        assertEquals(100, new Retries(100, 3600).maxAttempts());
        Task t = task(TaskStatus.SCHEDULED).apply(new TaskChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(5), Optional.empty()), NOW, Optional.empty());
        assertEquals(new Retries(5, Retries.DEFAULT_BACKOFF_SECONDS), t.retries());
        assertEquals(2, t.version());
    }

    @Test
    void leases_last_from_one_second_to_an_hour() {
        assertEquals(Duration.ofSeconds(1), Lease.duration(1));
        assertEquals(Duration.ofHours(1), Lease.duration(3600));
        assertEquals("lease_seconds", assertThrows(Invalid.class, () -> Lease.duration(0)).violations().get(0).field());
        assertThrows(Invalid.class, () -> Lease.duration(3601));
        assertThrows(IllegalArgumentException.class, () -> Task.restore(TaskId.random(), NOW, Optional.empty(), W,
                TaskStatus.SCHEDULED, Payload.EMPTY, 1, Retries.DEFAULT, 0,
                Optional.of(new Lease(LeaseToken.random(), NOW)), Optional.empty()), "only RUNNING tasks hold leases");
    }

    @Test
    void lease_tokens_are_128_random_bits_in_hex_and_anything_else_is_no_lease() {
        LeaseToken a = LeaseToken.random();
        assertTrue(a.value().matches("[0-9a-f]{32}"));
        assertFalse(a.equals(LeaseToken.random()));
        assertEquals(Optional.of(a), LeaseToken.parse(a.value()));
        assertEquals(Optional.empty(), LeaseToken.parse(a.value().toUpperCase()));
        assertEquals(Optional.empty(), LeaseToken.parse("abc"));
        assertEquals(Optional.empty(), LeaseToken.parse(null));
    }

    @Test
    void an_error_text_is_at_most_4_kib() {
        assertEquals(4096, new Failure("é".repeat(2048)).value().length() * 2);
        assertEquals("error", assertThrows(Invalid.class, () -> new Failure("é".repeat(2048) + "x")).violations().get(0).field());
        assertThrows(Invalid.class, () -> new Failure("a\u0000b"));
    }

    @Test
    void ids_are_canonical_uuids_and_anything_else_names_no_task() {
        assertTrue(TaskId.parse(TaskId.random().value()).isPresent());
        assertTrue(TaskId.parse("not-a-uuid").isEmpty());
        assertTrue(TaskId.parse("9094E4C9-80C7-4043-A4B5-86B420E69DDF").isEmpty());
        assertTrue(TaskId.parse(null).isEmpty());
    }
}

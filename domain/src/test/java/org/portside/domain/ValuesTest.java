package org.portside.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.Identifier;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.PreconditionFailed;
import org.portside.domain.shared.Text;
import org.portside.domain.tasks.Failure;
import org.portside.domain.tasks.LeaseToken;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskChanges;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;
import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.UserId;

/** The small value types: what they print, compare and refuse at their bounds. */
class ValuesTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void values_print_as_their_text() {
        assertEquals("w1", new Worker("w1").toString());
        assertEquals("jsmith", new UserId("jsmith").toString());
        assertEquals("Joe", new PersonName("Joe").toString());
        assertEquals("admins", new GroupName("admins").toString());
        assertEquals("9094E4C980C74043A4B586B420E69DDF", new Guid("9094E4C980C74043A4B586B420E69DDF").toString());
        String id = "3f2b7c1e-8d4a-4c5e-9f10-2a6b8c9d0e1f";
        assertEquals(id, new TaskId(id).toString());
        LeaseToken token = LeaseToken.random();
        assertEquals(token.value(), token.toString());
        assertEquals("{\"a\":1}", Payload.of(Map.of("a", "1")).toString());
    }

    @Test
    void ids_and_names_order_by_their_text() {
        assertTrue(new TaskId("00000000-0000-4000-8000-000000000001").compareTo(new TaskId("00000000-0000-4000-8000-000000000002")) < 0);
        assertEquals(0, new TaskId("00000000-0000-4000-8000-000000000001").compareTo(new TaskId("00000000-0000-4000-8000-000000000001")));
        assertTrue(new UserId("a").compareTo(new UserId("b")) < 0);
        assertTrue(new GroupName("b").compareTo(new GroupName("a")) > 0);
        assertEquals("g", Group.empty(new GroupName("g")).name().value());
        assertTrue(Group.empty(new GroupName("g")).members().isEmpty());
    }

    @Test
    void expiries_lie_between_1970_and_9999_and_pass_at_their_own_second() {
        assertEquals(0, new Expiry(0).epochSecond());
        assertEquals(Expiry.MAX, new Expiry(Expiry.MAX).epochSecond());
        assertThrows(Invalid.class, () -> new Expiry(-1));
        assertThrows(Invalid.class, () -> new Expiry(Expiry.MAX + 1));
        Expiry at = Expiry.at(NOW);
        assertEquals(NOW, at.instant());
        assertFalse(at.hasPassedAt(NOW.minusSeconds(1)));
        assertTrue(at.hasPassedAt(NOW));
        assertEquals(at, at.requireFutureOf(NOW.minusSeconds(1)));
        assertThrows(Invalid.class, () -> at.requireFutureOf(NOW));
        assertTrue(at.compareTo(Expiry.at(NOW.plusSeconds(1))) < 0);
        assertTrue(Expiry.at(NOW.plusSeconds(1)).compareTo(at) > 0);
        GuidRecord record = new GuidRecord(new Guid("9094E4C980C74043A4B586B420E69DDF"), at, new Owner("o"));
        assertFalse(record.isExpiredAt(NOW.minusSeconds(1)));
        assertTrue(record.isExpiredAt(NOW));
    }

    @Test
    void payload_values_are_found_by_key_and_equal_payloads_hash_alike() {
        Payload p = Payload.of(Map.of("a", "1", "b", "\"x\""));
        assertEquals(Optional.of("1"), p.get("a"));
        assertEquals(Optional.empty(), p.get("c"));
        assertEquals(p, Payload.of(Map.of("b", "\"x\"", "a", "1")));
        assertEquals(p.hashCode(), Payload.of(Map.of("b", "\"x\"", "a", "1")).hashCode());
        assertThrows(IllegalArgumentException.class, () -> Payload.of(Map.of("a", " ")), "a blank JSON value");
        assertEquals("{\"\\u001f \\t\":1}", Payload.of(Map.of("\u001f \t", "1")).json(), "control characters are escaped");
        assertEquals("{\"\u0020\":1}", Payload.of(Map.of(" ", "1")).json(), "a space is not");
    }

    @Test
    void text_rules_hold_at_their_bounds_and_return_what_they_checked() {
        assertEquals("ab", Text.requireAtMost("ab", "f", 2));
        assertThrows(Invalid.class, () -> Text.requireAtMost("abc", "f", 2));
        assertEquals("ab", Text.requireNonBlank("ab", "f", 2));
        assertThrows(Invalid.class, () -> Text.requireAtMost("\u0000", "f", 2), "NUL first");
        assertThrows(Invalid.class, () -> new Failure("\u0000 at the start"));
        assertEquals("abc", Identifier.require("abc", "f"));
    }

    @Test
    void tasks_compare_by_id_version_and_state_and_print_what_matters() {
        TaskId id = TaskId.random();
        Task a = Task.restore(id, NOW, Optional.of(new Title("t")), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 1);
        Task same = Task.restore(id, NOW, Optional.of(new Title("t")), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 1);
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, Task.restore(id, NOW, Optional.of(new Title("t")), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 2));
        assertNotEquals(a, Task.restore(id, NOW, Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 1));
        assertNotEquals(a, "a task");
        assertEquals(id, a.id());
        assertEquals(Optional.of(new Title("t")), a.title());
        assertEquals(new Worker("w1"), a.worker());
        assertTrue(a.toString().contains(id.value()) && a.toString().contains("SCHEDULED") && a.toString().contains("w1"), a.toString());
    }

    @Test
    void a_refused_transition_says_what_is_allowed_or_that_the_status_is_final() {
        Task succeeded = Task.restore(TaskId.random(), NOW, Optional.empty(), new Worker("w1"), TaskStatus.SUCCEEDED, Payload.EMPTY, 1);
        TaskChanges toRunning = new TaskChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(TaskStatus.RUNNING));
        assertTrue(assertThrows(Conflict.class, () -> succeeded.apply(toRunning, NOW, Optional.empty())).getMessage().contains("is final"));
        Task failed = Task.restore(TaskId.random(), NOW, Optional.empty(), new Worker("w1"), TaskStatus.FAILED, Payload.EMPTY, 1);
        assertTrue(assertThrows(Conflict.class, () -> failed.apply(toRunning, NOW, Optional.empty())).getMessage().contains("allowed: [SCHEDULED]"));
    }

    @Test
    void payload_changes_honour_if_match() {
        Task t = Task.restore(TaskId.random(), NOW, Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED,
                Payload.of(Map.of("k", "1")), 3);
        assertThrows(PreconditionFailed.class, () -> t.mergePayload(Payload.of(Map.of("a", "1")), Optional.of(2L)));
        assertThrows(PreconditionFailed.class, () -> t.removePayloadKey("k", Optional.of(2L)));
        assertEquals(4, t.mergePayload(Payload.of(Map.of("a", "1")), Optional.of(3L)).version());
        assertEquals(4, t.removePayloadKey("k", Optional.of(3L)).version());
    }

    @Test
    void event_types_travel_by_their_lowercase_names() {
        for (TaskEvent.Type type : TaskEvent.Type.values()) {
            assertEquals(type, TaskEvent.Type.ofWireName(type.wireName()));
            assertEquals(type.name().toLowerCase(java.util.Locale.ROOT), type.wireName());
        }
        assertEquals("retry_scheduled", TaskEvent.Type.RETRY_SCHEDULED.wireName());
        Task t = Task.restore(TaskId.random(), NOW, Optional.empty(), new Worker("w1"), TaskStatus.SCHEDULED, Payload.EMPTY, 1);
        TaskEvent e = TaskEvent.of(t, TaskEvent.Type.CREATED, NOW, null);
        assertEquals(new TaskEvent(t.id(), NOW, TaskEvent.Type.CREATED, new Worker("w1"), 0, Optional.empty()), e);
    }
}

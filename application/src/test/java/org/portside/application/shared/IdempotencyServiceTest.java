package org.portside.application.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.inmemory.InMemoryIdempotencyStore;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.inmemory.MutableClock;
import org.portside.application.shared.port.in.IdempotentRequests.Answer;
import org.portside.application.shared.port.in.IdempotentRequests.Request;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.Unprocessable;

class IdempotencyServiceTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    final IdempotencyService keys = new IdempotencyService(store, new InMemoryTransactions(), clock, Duration.ofHours(24));
    final AtomicInteger done = new AtomicInteger();

    String send(Request request) {
        return keys.once(request, () -> "answer " + done.incrementAndGet(),
                answer -> Optional.of(new Answer(201, answer, Map.of("Location", "/x"))), kept -> "replayed " + kept.body());
    }

    @Test
    void the_same_key_and_body_replays_the_first_answer_without_doing_the_work_again() {
        Request r = new Request("POST /api/tasks ", "k1", "body-a");
        assertEquals("answer 1", send(r));
        assertEquals("replayed answer 1", send(r));
        assertEquals(1, done.get());
        assertEquals("answer 2", send(new Request("POST /api/tasks ", "k2", "body-a")), "another key is another request");
        assertEquals("answer 3", send(new Request("POST /users ", "k1", "body-a")), "keys are scoped");
    }

    @Test
    void the_same_key_with_another_body_is_unprocessable() {
        send(new Request("s", "k", "body-a"));
        Unprocessable e = assertThrows(Unprocessable.class, () -> send(new Request("s", "k", "body-b")));
        assertEquals("idempotency-key-reused", e.code());
        assertEquals(1, done.get());
    }

    @Test
    void a_key_in_use_is_refused_at_once_and_free_again_afterwards() {
        store.tryLock("s", "k"); // another request holds it
        Conflict e = assertThrows(Conflict.class, () -> send(new Request("s", "k", "b")));
        assertEquals("idempotency-key-in-use", e.code());
        assertEquals(0, done.get());
        store.release("s", "k");
        assertEquals("answer 1", send(new Request("s", "k", "b")));
    }

    @Test
    void a_failed_or_unremembered_answer_leaves_no_trace() {
        Request r = new Request("s", "k", "b");
        assertThrows(Invalid.class, () -> keys.once(r, () -> {
            throw Invalid.field("x", "bad");
        }, a -> Optional.of(new Answer(201, "", Map.of())), a -> "replayed"));
        assertEquals("not kept", keys.once(r, () -> "not kept", a -> Optional.empty(), a -> "replayed"));
        assertEquals("answer 1", send(r), "the key is free for a retry");
    }

    @Test
    void answers_are_kept_for_the_retention_then_purged() {
        Request r = new Request("s", "k", "b");
        send(r);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertEquals("replayed answer 1", send(r));
        assertEquals(0, keys.purgeExpired(10));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, keys.purgeExpired(10));
        assertEquals("answer 2", send(r), "expired: a new request");
        assertThrows(IllegalArgumentException.class, () -> new IdempotencyService(store, new InMemoryTransactions(), clock, Duration.ZERO));
    }
}

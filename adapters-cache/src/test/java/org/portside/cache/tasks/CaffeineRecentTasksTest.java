package org.portside.cache.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Retries;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.Worker;

class CaffeineRecentTasksTest {

    static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    final AtomicLong nanos = new AtomicLong();
    final CaffeineRecentTasks recent = new CaffeineRecentTasks(100, Duration.ofMinutes(10), nanos::get);

    static Task task() {
        return Task.schedule(TaskId.random(), T0.plusSeconds(60), Optional.empty(), new Worker("w1"), Payload.EMPTY,
                Retries.DEFAULT, T0);
    }

    @Test
    void the_last_write_is_the_hint_until_it_is_forgotten() {
        Task t = task();
        assertTrue(recent.get(t.id()).isEmpty());
        recent.keep(t);
        assertEquals(t, recent.get(t.id()).orElseThrow());
        Task changed = t.mergePayload(Payload.of(Map.of("a", "1")), Optional.empty());
        recent.keep(changed);
        assertEquals(2, recent.get(t.id()).orElseThrow().version(), "the later write replaces the earlier");
        recent.forget(t.id());
        assertTrue(recent.get(t.id()).isEmpty());
    }

    @Test
    void hints_last_a_while_after_their_write() {
        Task t = task();
        recent.keep(t);
        nanos.addAndGet(Duration.ofMinutes(9).toNanos());
        assertTrue(recent.get(t.id()).isPresent());
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        assertTrue(recent.get(t.id()).isEmpty(), "ten minutes after the write");
    }

    @Test
    void the_number_of_hints_is_bounded() {
        for (int i = 0; i < 1_000; i++) {
            recent.keep(task());
        }
        assertTrue(recent.size() <= 100, "kept " + recent.size());
    }
}

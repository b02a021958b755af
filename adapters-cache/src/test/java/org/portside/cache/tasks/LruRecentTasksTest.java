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

class LruRecentTasksTest {

    static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    final AtomicLong nanos = new AtomicLong();
    final LruRecentTasks recent = new LruRecentTasks(100, Duration.ofMinutes(10), nanos::get);

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

    /**
     * The worker's cycle with the cache full: every hint was kept twice and read once (a claim, then
     * the complete that read it and kept its result), and then new claims come. The newest hints are
     * the ones the next steps need, however often the older ones were used (a frequency-biased cache
     * such as Caffeine's W-TinyLFU refuses them here: in a bench run, 45 % of completes read their
     * task back).
     */
    @Test
    void the_newest_hints_are_kept_however_often_the_older_ones_were_used() {
        for (int i = 0; i < 1_000; i++) {
            Task claimed = task();
            recent.keep(claimed);
            recent.get(claimed.id());
            recent.keep(claimed);
        }
        java.util.List<Task> inFlight = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Task claimed = task();
            recent.keep(claimed);
            inFlight.add(claimed);
        }
        for (Task claimed : inFlight) {
            assertEquals(claimed, recent.get(claimed.id()).orElse(null), "hint " + inFlight.indexOf(claimed) + " of 50");
        }
    }

    @Test
    void the_number_of_hints_is_bounded() {
        for (int i = 0; i < 1_000; i++) {
            recent.keep(task());
        }
        assertTrue(recent.size() <= 100, "kept " + recent.size());
    }
}

package org.portside.application.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.portside.application.tasks.port.in.AwaitDueTasks;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.application.tasks.port.out.TaskWakeups;
import org.portside.domain.shared.Invalid;
import org.portside.domain.tasks.Lease;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.Worker;

/**
 * Long polls. Each round registers for a wake-up first, then claims (on the blocking executor); with
 * nothing due it waits, holding no thread, until a wake-up, the worker's next due task, or the end of
 * the wait, whichever comes first, and claims again. A round never waits longer than {@link #RECHECK},
 * so a missed wake-up (the listener reconnecting) costs at most that.
 */
public final class WaitingClaims implements AwaitDueTasks {

    /** The longest one round waits before it looks again by itself. */
    static final Duration RECHECK = Duration.ofSeconds(5);

    private final ClaimDueTasks claims;
    private final TaskStore store;
    private final TaskWakeups wakeups;
    private final Executor blocking;
    private final ScheduledExecutorService timers;
    private final Clock clock;

    public WaitingClaims(ClaimDueTasks claims, TaskStore store, TaskWakeups wakeups, Executor blocking,
                         ScheduledExecutorService timers, Clock clock) {
        this.claims = claims;
        this.store = store;
        this.wakeups = wakeups;
        this.blocking = blocking;
        this.timers = timers;
        this.clock = clock;
    }

    @Override
    public CompletionStage<List<Task>> claim(Worker worker, int limit, int leaseSeconds, int waitSeconds) {
        try {
            if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
                throw Invalid.field("wait_seconds", "must be from 0 to " + MAX_WAIT_SECONDS);
            }
            Lease.duration(leaseSeconds);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return round(worker, limit, leaseSeconds, clock.instant().plusSeconds(waitSeconds));
    }

    private record Round(List<Task> claimed, Optional<Instant> nextDue) {
    }

    private CompletableFuture<List<Task>> round(Worker worker, int limit, int leaseSeconds, Instant deadline) {
        CompletableFuture<Void> woken = new CompletableFuture<>();
        TaskWakeups.Registration registration = wakeups.onDue(worker, () -> woken.complete(null));
        return CompletableFuture.supplyAsync(() -> {
            // the next due time is looked for after the moment the claim began, not when it ended: a
            // task falling due in between would otherwise be neither claimed nor waited for
            Instant looked = clock.instant();
            List<Task> claimed = claims.claim(worker, limit, leaseSeconds);
            return new Round(claimed, claimed.isEmpty() && looked.isBefore(deadline) ? store.nextDue(worker, looked) : Optional.empty());
        }, blocking).whenComplete((r, e) -> {
            if (e != null || !r.claimed().isEmpty() || !clock.instant().isBefore(deadline)) {
                registration.close();
            }
        }).thenCompose(r -> {
            Instant now = clock.instant();
            if (!r.claimed().isEmpty() || !now.isBefore(deadline)) {
                return CompletableFuture.completedFuture(r.claimed());
            }
            Instant until = r.nextDue().filter(deadline::isAfter).orElse(deadline);
            Duration slice = Duration.between(now, until);
            if (slice.compareTo(RECHECK) > 0) {
                slice = RECHECK;
            }
            ScheduledFuture<?> timer = timers.schedule(() -> woken.complete(null), Math.max(1, slice.toMillis()), TimeUnit.MILLISECONDS);
            return woken.thenCompose(ignored -> {
                timer.cancel(false);
                registration.close();
                return round(worker, limit, leaseSeconds, deadline);
            });
        });
    }
}

package org.portside.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.configuration.metrics.annotation.RequiresMetrics;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.portside.application.tasks.port.in.ReadTaskStats;
import org.portside.domain.tasks.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/tasks/stats} as Prometheus gauges: {@code portside_tasks{status}},
 * {@code portside_tasks_by_worker{worker,status}}, {@code portside_tasks_oldest_due_age_seconds}
 * and {@code portside_tasks_expired_leases}. Read from the database on a timer, never on a scrape
 * (a scrape is served on the event loop, where no JDBC may run), so a value is at most one interval old.
 * With metrics turned off there is nobody to read them, and the table is not counted.
 */
@Singleton
@RequiresMetrics
final class TaskGauges {

    private static final Logger LOG = LoggerFactory.getLogger(TaskGauges.class);

    private final ReadTaskStats stats;
    private final Clock clock;
    private final AtomicReference<ReadTaskStats.Stats> latest = new AtomicReference<>();
    private final MultiGauge byWorker;

    TaskGauges(ReadTaskStats stats, Clock clock, MeterRegistry registry) {
        this.stats = stats;
        this.clock = clock;
        for (TaskStatus status : TaskStatus.values()) {
            Gauge.builder("portside.tasks", latest, l -> l.get() == null ? Double.NaN : l.get().byStatus().getOrDefault(status, 0L))
                    .tag("status", status.name()).description("tasks per status").register(registry);
        }
        Gauge.builder("portside.tasks.oldest.due.age", latest, l -> l.get() == null ? Double.NaN
                        : l.get().oldestDue().map(due -> Duration.between(due, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .baseUnit("seconds").description("how long the oldest due SCHEDULED task has waited to be claimed").register(registry);
        Gauge.builder("portside.tasks.expired.leases", latest, l -> l.get() == null ? Double.NaN : l.get().expiredLeases())
                .description("RUNNING tasks whose lease expired, waiting for the sweep or a claim").register(registry);
        byWorker = MultiGauge.builder("portside.tasks.by.worker").description("tasks per worker and status").register(registry);
    }

    @Scheduled(fixedDelay = "${portside.tasks.stats-interval:15s}", initialDelay = "1s")
    void refresh() {
        try {
            ReadTaskStats.Stats now = stats.stats();
            latest.set(now);
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (Map.Entry<String, Map<TaskStatus, Long>> worker : now.byWorker().entrySet()) {
                worker.getValue().forEach((status, n) ->
                        rows.add(MultiGauge.Row.of(Tags.of("worker", worker.getKey(), "status", status.name()), n)));
            }
            byWorker.register(rows, true);
        } catch (RuntimeException e) {
            LOG.debug("Reading task stats for the gauges failed; the previous values stay", e);
        }
    }
}

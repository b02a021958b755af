package org.portside.bootstrap;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.portside.application.shared.port.out.StoreUnavailable;
import org.portside.application.tasks.port.in.ExpireLeases;
import org.portside.application.tasks.port.in.ReadTaskHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task scheduler's background work: RUNNING tasks whose lease expired go back to SCHEDULED (or
 * FAILED with no attempt left), so that lists and counts tell the truth even when no worker claims;
 * and task histories older than the retention are pruned. Each instance runs both; SKIP LOCKED keeps
 * them out of each other's way.
 */
@Singleton
final class LeaseSweepJob {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseSweepJob.class);

    private final ExpireLeases leases;
    private final ReadTaskHistory history;
    private final int batchSize;
    private final Duration retention;

    LeaseSweepJob(ExpireLeases leases, ReadTaskHistory history, @Value("${portside.tasks.sweep-batch-size:500}") int batchSize,
                  @Value("${portside.tasks.history-retention:30d}") Duration retention) {
        this.leases = leases;
        this.history = history;
        this.batchSize = batchSize;
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "${portside.tasks.history-prune-interval:1h}", initialDelay = "1m")
    void pruneHistory() {
        try {
            int pruned = history.pruneHistory(retention, 1000);
            if (pruned > 0) {
                LOG.info("Pruned {} task event(s) older than {}", pruned, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Pruning task histories failed; will try again at the next interval ({})", e.toString());
        }
    }

    @Scheduled(fixedDelay = "${portside.tasks.sweep-interval:5s}", initialDelay = "${portside.tasks.sweep-interval:5s}")
    void sweep() {
        try {
            int swept = leases.expireLeases(batchSize);
            if (swept > 0) {
                LOG.info("{} task(s) whose lease expired were returned (or failed: no attempt left)", swept);
            }
        } catch (StoreUnavailable e) {
            LOG.warn("Sweeping expired leases failed, the database is unavailable ({}); will try again at the next interval", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Sweeping expired leases failed; will try again at the next interval", e);
        }
    }
}

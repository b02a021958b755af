package org.portside.bootstrap;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.portside.application.shared.port.out.StoreUnavailable;
import org.portside.application.tasks.port.in.ExpireLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns RUNNING tasks whose lease expired to SCHEDULED (or FAILED with no attempt left) in the
 * background, so that lists and counts tell the truth even when no worker claims. Each instance
 * sweeps; SKIP LOCKED keeps them out of each other's way.
 */
@Singleton
final class LeaseSweepJob {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseSweepJob.class);

    private final ExpireLeases leases;
    private final int batchSize;

    LeaseSweepJob(ExpireLeases leases, @Value("${portside.tasks.sweep-batch-size:500}") int batchSize) {
        this.leases = leases;
        this.batchSize = batchSize;
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

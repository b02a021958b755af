package org.portside.bootstrap;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.portside.application.shared.port.in.IdempotentRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes Idempotency-Key records past their retention, in bounded batches. */
@Singleton
final class IdempotencyPurgeJob {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurgeJob.class);

    private final IdempotentRequests keys;

    IdempotencyPurgeJob(IdempotentRequests keys) {
        this.keys = keys;
    }

    @Scheduled(fixedDelay = "${portside.idempotency.purge-interval:10m}", initialDelay = "1m")
    void purge() {
        try {
            int purged = keys.purgeExpired(1000);
            if (purged > 0) {
                LOG.info("Purged {} expired Idempotency-Key record(s)", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging Idempotency-Key records failed; will try again at the next interval ({})", e.toString());
        }
    }
}

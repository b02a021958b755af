package org.portside.bootstrap;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.portside.application.guids.port.in.PurgeExpiredGuids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired GUIDs in the background, in bounded batches, so the table does not grow without bound. */
@Singleton
final class GuidPurgeJob {

    private static final Logger LOG = LoggerFactory.getLogger(GuidPurgeJob.class);

    private final PurgeExpiredGuids purge;

    GuidPurgeJob(PurgeExpiredGuids purge) {
        this.purge = purge;
    }

    @Scheduled(fixedDelay = "${portside.guids.purge-interval:1m}", initialDelay = "${portside.guids.purge-interval:1m}")
    void purgeExpired() {
        try {
            int purged = purge.purgeExpired();
            if (purged > 0) {
                LOG.info("Purged {} expired GUID(s)", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging expired GUIDs failed; will try again at the next interval", e);
        }
    }
}

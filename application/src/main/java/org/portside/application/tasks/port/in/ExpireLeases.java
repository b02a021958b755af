package org.portside.application.tasks.port.in;

/**
 * The sweep: RUNNING tasks whose lease expired go back to SCHEDULED (or to FAILED when no attempt is
 * left), so that lists and counts tell the truth even when no worker claims. Several instances may
 * sweep at once; each task is swept once.
 */
public interface ExpireLeases {

    /** Sweeps up to {@code batchSize} tasks per transaction until none is left; how many were swept. */
    int expireLeases(int batchSize);
}

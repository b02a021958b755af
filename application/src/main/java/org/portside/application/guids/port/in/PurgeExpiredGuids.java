package org.portside.application.guids.port.in;

/** Deletes expired GUIDs in bounded batches, so the registry does not grow without bound. */
public interface PurgeExpiredGuids {

    /** @return how many were deleted */
    int purgeExpired();
}

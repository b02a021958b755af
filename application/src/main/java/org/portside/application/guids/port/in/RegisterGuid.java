package org.portside.application.guids.port.in;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;

/** Registers a new, server-generated GUID. */
public interface RegisterGuid {

    /** @param expire absent: now plus the configured default lifetime */
    record Command(Optional<Expiry> expire, Owner owner) {
    }

    /** Completes with the new record, or exceptionally with {@code Invalid} (expiry not in the future). */
    CompletionStage<GuidRecord> register(Command command);
}

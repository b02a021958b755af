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

    /**
     * Completes with the new record once it is stored, or exceptionally with {@code Invalid} (expiry
     * not in the future). Registrations that wait for the database together may be stored by one
     * statement and one commit.
     */
    CompletionStage<GuidRecord> register(Command command);

    /**
     * The same, blocking, for a caller already on a thread that may block, and joining its
     * transaction (an idempotent request records its answer in the same one).
     *
     * @throws org.portside.domain.shared.Invalid if the expiry is not in the future
     */
    GuidRecord registerNow(Command command);
}

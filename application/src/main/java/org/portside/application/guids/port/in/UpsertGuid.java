package org.portside.application.guids.port.in;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;

/**
 * Creates the GUID if it is absent (or expired), else changes only the fields given. A created GUID
 * needs an owner; its expiry defaults as in {@link RegisterGuid}.
 */
public interface UpsertGuid {

    record Command(Guid guid, Optional<Expiry> expire, Optional<Owner> owner) {
    }

    enum Outcome { CREATED, UPDATED }

    record Result(GuidRecord record, Outcome outcome) {
    }

    CompletionStage<Result> upsert(Command command);
}

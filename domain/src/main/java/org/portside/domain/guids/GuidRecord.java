package org.portside.domain.guids;

import java.time.Instant;
import java.util.Optional;
import org.portside.domain.shared.Require;

/** A registered GUID with its metadata. Immutable; {@link #change} gives the updated record. */
public record GuidRecord(Guid guid, Expiry expire, Owner owner) {

    public GuidRecord {
        Require.nonNull(guid, "guid");
        Require.nonNull(expire, "expire");
        Require.nonNull(owner, "owner");
    }

    public boolean isExpiredAt(Instant now) {
        return expire.hasPassedAt(now);
    }

    /** Applies only the fields given; an empty change gives an equal record. */
    public GuidRecord change(Optional<Expiry> newExpire, Optional<Owner> newOwner) {
        return new GuidRecord(guid, newExpire.orElse(expire), newOwner.orElse(owner));
    }
}

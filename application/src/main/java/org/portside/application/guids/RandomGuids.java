package org.portside.application.guids;

import java.util.UUID;
import org.portside.application.guids.port.out.GuidGenerator;
import org.portside.domain.guids.Guid;

/** GUIDs from random (version 4) UUIDs, whose bits come from {@link java.security.SecureRandom}. */
public final class RandomGuids implements GuidGenerator {

    @Override
    public Guid next() {
        return Guid.of(UUID.randomUUID());
    }
}

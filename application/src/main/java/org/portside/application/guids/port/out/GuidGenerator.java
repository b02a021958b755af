package org.portside.application.guids.port.out;

import org.portside.domain.guids.Guid;

/** Makes new GUIDs; each one random and never handed out before. */
public interface GuidGenerator {

    Guid next();
}

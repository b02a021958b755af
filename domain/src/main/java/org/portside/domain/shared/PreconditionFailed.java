package org.portside.domain.shared;

import java.util.List;

/** The caller's view of the state (a version, an ETag) is stale. */
public final class PreconditionFailed extends DomainException {

    public PreconditionFailed(String code, String message) {
        super(code, message, List.of());
    }
}

package org.portside.domain.shared;

import java.util.List;

/** The thing a request names does not exist (or no longer counts as existing). */
public final class NotFound extends DomainException {

    public NotFound(String code, String message) {
        super(code, message, List.of());
    }
}

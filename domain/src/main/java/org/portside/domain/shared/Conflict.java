package org.portside.domain.shared;

import java.util.List;

/** The request is well formed but clashes with the current state (already exists, illegal transition). */
public final class Conflict extends DomainException {

    public Conflict(String code, String message) {
        super(code, message, List.of());
    }
}

package org.portside.domain.shared;

import java.util.List;

/** The request is well-formed but contradicts what was asked before (a key reused for another request, say). */
public final class Unprocessable extends DomainException {

    public Unprocessable(String code, String message) {
        super(code, message, List.of());
    }
}

package org.portside.domain.shared;

import java.util.List;

/**
 * The one family of failures a use case can end in. Each carries a stable, machine-readable
 * {@link #code()} and the violations (field + detail) that caused it, so an adapter can render it
 * without parsing messages. Unchecked, so ports stay free of throws clauses.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Conflict, Invalid, PreconditionFailed, Unprocessable {

    private final String code;
    private final List<Violation> violations;

    protected DomainException(String code, String message, List<Violation> violations) {
        super(message, null, false, false);
        this.code = Require.nonBlank(code, "code");
        this.violations = List.copyOf(violations);
    }

    /** A short kebab-case identifier that never changes for the same kind of failure, e.g. {@code user-exists}. */
    public String code() {
        return code;
    }

    /** The fields at fault, in the order they were found; empty when no single field is to blame. */
    public List<Violation> violations() {
        return violations;
    }
}

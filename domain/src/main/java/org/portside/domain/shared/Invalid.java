package org.portside.domain.shared;

import java.util.List;

/** Input breaks a rule. Names every field at fault, not only the first. */
public final class Invalid extends DomainException {

    public Invalid(String code, String message, List<Violation> violations) {
        super(code, message, violations);
    }

    /** A single bad field: {@code field} is the domain name of the value, {@code detail} says what is expected. */
    public static Invalid field(String field, String detail) {
        return new Invalid("invalid-" + field, field + " " + detail, List.of(new Violation(field, detail)));
    }
}

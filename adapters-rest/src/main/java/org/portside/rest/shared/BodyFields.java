package org.portside.rest.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.portside.domain.shared.DomainException;

/**
 * Turns the fields of a validated body into domain values. The domain's constructors hold the
 * rules; a value they refuse is reported at the field's JSON Pointer, and all refusals of one body
 * are reported together.
 */
public final class BodyFields {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** The domain value made by {@code make}, or {@code null} (and an error at {@code pointer}) if refused. */
    public <T> T at(String pointer, Supplier<T> make) {
        try {
            return make.get();
        } catch (DomainException e) {
            if (e.violations().isEmpty()) {
                errors.add(Problem.FieldError.pointer(pointer, e.getMessage()));
            }
            e.violations().forEach(v -> errors.add(Problem.FieldError.pointer(pointer, v.detail())));
            return null;
        }
    }

    /** Records an error that no single constructor can see (a body field that disagrees with the URL). */
    public void error(String pointer, String detail) {
        errors.add(Problem.FieldError.pointer(pointer, detail));
    }

    /** @throws BadRequest naming every refused field, if there was one */
    public void finish() {
        if (!errors.isEmpty()) {
            throw BadRequest.of(errors);
        }
    }
}

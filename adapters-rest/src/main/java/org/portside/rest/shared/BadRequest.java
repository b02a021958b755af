package org.portside.rest.shared;

import java.util.List;

/** A request the adapter cannot even turn into a command: malformed JSON, wrong types, unknown fields. */
public final class BadRequest extends RuntimeException {

    private final String code;
    private final List<Problem.FieldError> errors;

    public BadRequest(String code, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static BadRequest at(String pointer, String detail) {
        return new BadRequest("invalid-body", describe(pointer, detail), List.of(Problem.FieldError.pointer(pointer, detail)));
    }

    /** The body has these bad fields: one entry each; the detail names the field when there is one. */
    public static BadRequest of(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? describe(errors.get(0).pointer(), errors.get(0).detail())
                : errors.size() + " fields are invalid";
        return new BadRequest("invalid-body", detail, errors);
    }

    static String describe(String pointer, String detail) {
        return (pointer.isEmpty() ? "the body" : pointer.substring(1)) + " " + detail;
    }

    public String code() {
        return code;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}

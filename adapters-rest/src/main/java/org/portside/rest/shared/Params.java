package org.portside.rest.shared;

import java.util.List;
import java.util.function.Function;
import org.portside.domain.shared.DomainException;

/** Turns path and query parameters into domain values; a malformed one is a 400 naming the parameter. */
public final class Params {

    private Params() {
    }

    public static <T> T parse(String name, String raw, Function<String, T> parse) {
        try {
            return parse.apply(raw);
        } catch (DomainException e) {
            String detail = e.violations().isEmpty() ? e.getMessage() : e.violations().get(0).detail();
            throw new BadRequest("invalid-parameter", name + " " + detail, List.of(Problem.FieldError.parameter(name, detail)));
        }
    }
}

package org.portside.domain.shared;

/**
 * One field at fault. {@code field} names the value as the domain knows it ({@code userid},
 * {@code firstName}, or a position such as {@code 2} in a list); adapters map it to their own
 * spelling (a JSON Pointer, a column).
 */
public record Violation(String field, String detail) {

    public Violation {
        Require.nonNull(field, "field");
        Require.nonBlank(detail, "detail");
    }
}

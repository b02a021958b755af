package org.portside.rest.shared;

/** The caller is known and has the scope, but not for this (a worker token acting for another worker). */
public final class Forbidden extends RuntimeException {

    private final String code;

    public Forbidden(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

package org.portside.application.shared.port.out;

/**
 * A driven port's store cannot be reached now (the database is down, restarting or unreachable).
 * Nothing was done; the same request may succeed later. Any port may throw it; adapters translate
 * their own connection failures into it, so no infrastructure exception crosses a port.
 */
public final class StoreUnavailable extends RuntimeException {

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

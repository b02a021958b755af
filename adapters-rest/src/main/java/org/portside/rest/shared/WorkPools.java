package org.portside.rest.shared;

/**
 * The one pool all database work runs on, in every context: as many threads as the database has
 * connections, a bounded queue, and a full queue answered 503 with Retry-After (see Unavailability).
 */
public final class WorkPools {

    /** The name of that executor, for {@code @ExecuteOn} and for the bean that provides it. */
    public static final String DATABASE = "database-work";

    private WorkPools() {
    }
}

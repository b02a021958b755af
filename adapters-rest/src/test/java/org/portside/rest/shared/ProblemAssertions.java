package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/** What every error response must be: RFC 9457 problem+json, with no internals leaking. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** Asserts the status and the problem shape and, if given, the exact error locations (pointers or parameters). */
    public static void assertProblem(Http.Response r, int status, String... locations) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), () -> "content type of " + r + ": " + r.contentType());
        Map<String, Object> problem = r.object();
        assertEquals(status, ((Number) problem.get("status")).intValue());
        assertTrue(problem.get("type") instanceof String && problem.get("title") instanceof String
                && problem.get("detail") instanceof String, r::toString);
        assertFalse(r.body().contains("Exception") || r.body().contains("at org.") || r.body().contains("SQL"), r::toString);
        if (locations.length > 0) {
            assertEquals(List.of(locations), r.errorLocations(), r::toString);
        }
    }
}

package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.portside.rest.shared.Http;

/**
 * {@code http.server.requests} as RequestTimers records it is the series micronaut-micrometer's own
 * filter records, request for request: the same requests (answered 200, 201, 400, 404 from a
 * handler and from no route, 405) sent to portside with each of the two give the same
 * {@code /prometheus} counts, tag for tag. Only one of them ever counts (never twice), and
 * RequestTimers also counts what the security filter refuses.
 */
class RequestTimersTest {

    private static final String STOCK = "micronaut.metrics.binders.web.enabled";

    @Test
    void the_same_series_as_the_stock_filter_and_each_request_once() {
        Map<String, String> stock = counted(Map.of(STOCK, true));
        Map<String, String> ours = counted(Map.of());
        assertEquals(stock, ours);
        assertEquals("2", ours.get("exception=\"NotFoundException\",method=\"GET\",status=\"404\",uri=\"NOT_FOUND\""), ours::toString);
        assertEquals("1", ours.get("exception=\"none\",method=\"POST\",status=\"201\",uri=\"/users\""), ours::toString);
        assertTrue(ours.keySet().stream().anyMatch(tags -> tags.contains("method=\"CUSTOM\"")), ours::toString);
    }

    @Test
    void refusals_of_the_security_filter_are_counted_too() {
        String secret = "a secret that is certainly longer than thirty-two bytes";
        String admin = TokenCommand.run(new String[] {"token", "--scope", "admin"},
                Map.of("PORTSIDE_AUTH_JWT_SECRET", secret), Instant.now());
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("portside.auth.jwt-secret", secret), "test")) {
            Http http = new Http(server.getURI());
            assertEquals(401, http.get("/guid/" + "A".repeat(32)).status());
            assertEquals(401, http.get("/guid/" + "B".repeat(32)).status());
            Map<String, String> series = series(server, admin);
            assertEquals("2", series.get("exception=\"AuthorizationException\",method=\"GET\",status=\"401\",uri=\"/guid/{guid}\""),
                    series::toString);
        }
    }

    private static Map<String, String> counted(Map<String, Object> properties) {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            Http http = new Http(server.getURI());
            List<Integer> statuses = new ArrayList<>();
            String unknown = UUID.randomUUID().toString().replace("-", "").toUpperCase();
            statuses.add(http.get("/guid/" + unknown).status());
            statuses.add(http.get("/guid/not-hex").status());
            statuses.add(http.get("/no/such/route").status());
            statuses.add(http.get("/no/such/route/").status());
            statuses.add(http.delete("/guid").status());
            // a method of the client's own making is tagged CUSTOM, not by its name: clients cannot mint series
            statuses.add(http.send("BREW" + UUID.randomUUID().toString().substring(0, 4).toUpperCase(), "/guid", null, null).status());
            statuses.add(http.post("/users", "{bad").status());
            statuses.add(http.send("POST", "/users", "x", "text/plain").status());
            statuses.add(http.post("/users", "{\"first_name\": \"Ann\", \"last_name\": \"Lee\", \"userid\": \"t"
                    + UUID.randomUUID().toString().substring(0, 8) + "\", \"groups\": []}").status());
            statuses.add(http.get("/health/liveness").status());
            assertEquals(List.of(404, 400, 404, 404, 405, 405, 400, 400, 201, 200), statuses);
            Map<String, String> series = series(server, null);
            assertFalse(series.isEmpty());
            assertTrue(series.keySet().stream().noneMatch(tags -> tags.contains("/prometheus")), series::toString);
            return series;
        }
    }

    /** Tags to count of every http_server_requests series, read before /prometheus counts itself. */
    private static Map<String, String> series(EmbeddedServer server, String token) {
        Http.Response answer = new Http(server.getURI()).sendWithHeaders("GET", "/prometheus", null,
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
        assertEquals(200, answer.status(), answer::toString);
        String text = answer.body();
        Map<String, String> counts = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{")) {
                counts.put(line.substring(line.indexOf('{') + 1, line.lastIndexOf('}')),
                        line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return counts;
    }
}

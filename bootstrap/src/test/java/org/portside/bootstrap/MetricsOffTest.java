package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.portside.rest.shared.Http;

/**
 * An operator may turn metrics off altogether ({@code micronaut.metrics.enabled: false}, or
 * {@code MICRONAUT_METRICS_ENABLED=false}): every API still answers as it does with them on, and
 * only the metrics endpoint is gone.
 */
class MetricsOffTest {

    @Test
    void every_context_answers_with_metrics_off() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("micronaut.metrics.enabled", false), "test")) {
            Http http = new Http(server.getURI());
            String guid = UUID.randomUUID().toString().replace("-", "").toUpperCase();
            assertEquals(201, http.post("/guid/" + guid, "{\"user\":\"metrics off\"}").status());
            assertEquals(200, http.get("/guid/" + guid).status());
            assertEquals(200, http.get("/guid/" + guid).status());
            String userid = "m" + UUID.randomUUID().toString().substring(0, 8);
            assertEquals(201, http.post("/users", "{\"first_name\": \"Ann\", \"last_name\": \"Lee\", \"userid\": \""
                    + userid + "\", \"groups\": [\"metrics-off\"]}").status());
            assertEquals(200, http.get("/users/" + userid).status());
            assertEquals(201, http.post("/api/tasks", "{\"start\":\"2030-01-01T00:00:00Z\",\"worker\":\"w-metrics-off\"}").status());
            assertEquals(200, http.get("/api/tasks/stats").status());
            assertEquals(200, http.get("/health/readiness").status());
            assertEquals(404, http.get("/metrics").status());
            assertEquals(404, http.get("/prometheus").status());
        }
    }
}

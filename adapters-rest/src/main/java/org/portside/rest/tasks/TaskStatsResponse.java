package org.portside.rest.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.portside.application.tasks.port.in.ReadTaskStats;
import org.portside.domain.tasks.TaskStatus;

/** The scheduler's counts as clients see them; the same numbers are Prometheus gauges. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable(naming = SnakeCaseStrategy.class)
@Schema(name = "TaskStats", description = "How the scheduler stands.")
record TaskStatsResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "tasks per status, every status named", example = "{\"SCHEDULED\": 12, \"RUNNING\": 3, \"SUCCEEDED\": 40, \"FAILED\": 1}")
        Map<String, Long> byStatus,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "per worker, its tasks per status (the statuses it has)", example = "{\"w1\": {\"SCHEDULED\": 12, \"RUNNING\": 3}}")
        Map<String, Map<String, Long>> byWorker,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, format = "date-time", example = "2099-01-01T09:00:00Z",
                description = "the earliest start of a due SCHEDULED task not claimed yet (how far behind the workers are), or null")
        @Nullable String oldestDue,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", example = "0",
                description = "RUNNING tasks whose lease expired, waiting for the sweep or a claim") long expiredLeases) {

    static TaskStatsResponse of(ReadTaskStats.Stats stats) {
        Map<String, Map<String, Long>> byWorker = new LinkedHashMap<>();
        stats.byWorker().forEach((worker, counts) -> byWorker.put(worker, names(counts)));
        return new TaskStatsResponse(names(stats.byStatus()), byWorker, stats.oldestDue().map(Object::toString).orElse(null),
                stats.expiredLeases());
    }

    private static Map<String, Long> names(Map<TaskStatus, Long> counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((status, n) -> named.put(status.name(), n));
        return named;
    }
}

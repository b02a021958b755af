package org.portside.bootstrap;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.filter.HealthResultFilter;
import io.micronaut.management.health.indicator.HealthResult;

/**
 * The health endpoint's status code from its result (503 when not operational, or the configured
 * mapping), as the management module's {@link HealthResultFilter} sets it, applied to every
 * response whose body is a health result. That filter is bound to the health paths, and a single
 * filter bound to some paths makes Micronaut 4.10 match every filter against every request's path
 * and sort the matches anew per request ({@code DefaultRouter.findFilters}); with every filter
 * bound to all paths the list is computed once. On 2 cores that was about a tenth of a cached GUID
 * read's CPU. The test on the body is what the original does too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Replaces(HealthResultFilter.class)
@Requires(beans = HealthEndpoint.class)
final class HealthStatusCodes {
    private final HealthEndpoint healthEndpoint;

    HealthStatusCodes(HealthEndpoint healthEndpoint) {
        this.healthEndpoint = healthEndpoint;
    }

    @ResponseFilter
    void status(MutableHttpResponse<?> response) {
        if (response.body() instanceof HealthResult healthResult) {
            HealthStatus status = healthResult.getStatus();
            HttpStatus httpStatus = healthEndpoint.getStatusConfiguration().getHttpMapping().get(status.getName());
            if (httpStatus != null) {
                response.status(httpStatus);
            } else if (!status.getOperational().orElse(true)) {
                response.status(HttpStatus.SERVICE_UNAVAILABLE);
            }
        }
    }
}

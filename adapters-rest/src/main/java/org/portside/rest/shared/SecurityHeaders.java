package org.portside.rest.shared;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Headers every answer carries: no content-type sniffing by browsers (a JSON answer stays JSON). */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders implements Ordered {

    static final String NOSNIFF = "X-Content-Type-Options";

    /** The outermost filter, so answers other filters give (the security filter's 401 and 403) carry it too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    void nosniff(MutableHttpResponse<?> response) {
        response.getHeaders().set(NOSNIFF, "nosniff");
    }
}

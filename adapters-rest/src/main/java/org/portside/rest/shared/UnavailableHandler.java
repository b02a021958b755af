package org.portside.rest.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.portside.application.shared.port.out.StoreUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database cannot be reached: 503 with Retry-After, never a 500; nothing was done, so the
 * client may simply try again. Warned about at most every ten seconds, so an outage does not flood
 * the log.
 */
@Produces
@Singleton
final class UnavailableHandler implements ExceptionHandler<StoreUnavailable, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnavailableHandler.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares a raw HttpRequest
    public HttpResponse<Problem> handle(HttpRequest request, StoreUnavailable exception) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("The database cannot be reached; answering 503 ({} {}): {}", request.getMethodName(), request.getPath(),
                    exception.getCause() == null ? exception.getMessage() : exception.getCause().getMessage());
        }
        Problem problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "The database cannot be reached just now; nothing was changed. Retry shortly.", List.of());
        return Problems.respond(HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "2"), problem);
    }
}

package org.portside.rest.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.portside.application.shared.port.out.StoreUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 503 with Retry-After, never a 500, when the work cannot be done just now: the database cannot be
 * reached, or the database work queue is full (instead of piling up requests until memory runs out).
 * Nothing was done, so the client may simply try again.
 *
 * <p>Both are answered when the service is already short of something, so they must cost little:
 * global error routes (see {@link Refusals} for why not {@code ExceptionHandler} beans), and a warning
 * at most every ten seconds per cause rather than one per request (a WARN is written at once, a
 * system call each, while the requests it would describe are the ones the service cannot afford).
 */
@Controller
@Hidden
final class Unavailability {

    private static final Logger LOG = LoggerFactory.getLogger(Unavailability.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final AtomicLong lastOutageWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicLong lastOverloadWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicLong overloaded = new AtomicLong();

    @Error(global = true, exception = StoreUnavailable.class)
    HttpResponse<Problem> outage(HttpRequest<?> request, StoreUnavailable exception) {
        if (due(lastOutageWarning)) {
            LOG.warn("The database cannot be reached; answering 503 ({} {}): {}", request.getMethodName(), request.getPath(),
                    exception.getCause() == null ? exception.getMessage() : exception.getCause().getMessage());
        }
        return unavailable("unavailable", "The database cannot be reached just now; nothing was changed. Retry shortly.", "2");
    }

    @Error(global = true, exception = RejectedExecutionException.class)
    HttpResponse<Problem> overload(HttpRequest<?> request) {
        long refused = overloaded.incrementAndGet();
        if (due(lastOverloadWarning)) {
            LOG.warn("Refused {} {}: the database work queue is full ({} refused since start)",
                    request.getMethodName(), request.getPath(), refused);
        }
        return unavailable("overloaded", "The service is overloaded; retry shortly.", "1");
    }

    private static boolean due(AtomicLong last) {
        long now = System.nanoTime();
        long before = last.get();
        return now - before >= WARN_EVERY_NANOS && last.compareAndSet(before, now);
    }

    private static HttpResponse<Problem> unavailable(String code, String detail, String retryAfter) {
        Problem problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, code, detail, List.of());
        return Problems.respond(HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", retryAfter), problem);
    }
}

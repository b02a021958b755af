package org.portside.rest.shared;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.DomainException;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;
import org.portside.domain.shared.PreconditionFailed;
import org.portside.domain.shared.Unprocessable;
import org.portside.domain.shared.Violation;

/** Builds problem responses; the one place that decides how a failure looks on the wire. */
public final class Problems {

    /** Problem types are URNs: stable identifiers, not links that could break. */
    public static final String TYPE_PREFIX = "urn:portside:problem:";

    private Problems() {
    }

    public static Problem of(HttpStatus status, String code, String detail, List<Problem.FieldError> errors) {
        String type = code == null ? "about:blank" : TYPE_PREFIX + code;
        return new Problem(type, status.getReason(), status.getCode(), detail, errors);
    }

    public static MutableHttpResponse<Problem> respond(MutableHttpResponse<?> response, Problem problem) {
        return response.status(problem.status()).contentType(Problem.MEDIA_TYPE).body(problem);
    }

    /**
     * The answer for a use case's refusal, built here rather than by Micronaut's error handling: the
     * GUID routes, the hottest, answer their domain refusals through this without an error flow at all,
     * with the same translation {@link Refusals} applies to every other route's. Other failures pass
     * on unchanged.
     */
    @SuppressWarnings("unchecked") // the body type only names the success body for the document
    public static <T> CompletionStage<HttpResponse<T>> refusalsAnswered(CompletionStage<HttpResponse<T>> stage) {
        return stage.exceptionally(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof DomainException refusal) {
                return (HttpResponse<T>) (HttpResponse<?>) refusal(refusal);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CompletionException(cause);
        });
    }

    /** A use case's refusal as problem+json: its status, code and fields. */
    static MutableHttpResponse<Problem> refusal(DomainException e) {
        return respond(HttpResponse.status(statusOf(e)), of(e));
    }

    static HttpStatus statusOf(DomainException e) {
        if (e instanceof NotFound) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof Conflict) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof PreconditionFailed) {
            return HttpStatus.PRECONDITION_FAILED;
        }
        if (e instanceof Invalid) {
            return HttpStatus.BAD_REQUEST;
        }
        if (e instanceof Unprocessable) {
            return HttpStatus.UNPROCESSABLE_ENTITY;
        }
        throw new IllegalArgumentException("unmapped domain exception " + e.getClass());
    }

    static Problem of(DomainException e) {
        List<Problem.FieldError> errors = e.violations().stream().map(Problems::toFieldError).toList();
        return of(statusOf(e), e.code(), e.getMessage(), errors);
    }

    /** Domain field names become JSON Pointers in the wire spelling: {@code firstName} → {@code /first_name}. */
    static Problem.FieldError toFieldError(Violation v) {
        String pointer = v.field().isEmpty() ? "" : "/" + snakeCase(v.field());
        return Problem.FieldError.pointer(pointer, v.detail());
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}

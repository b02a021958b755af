package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.NotFoundException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.portside.domain.shared.DomainException;

/**
 * Refused and unreadable requests and refused callers are answered by global error routes
 * ({@link Refusals}, {@link AuthorizationProblems.Route}, {@link UnmatchedRequests}), never
 * by the bean context's search for an {@code ExceptionHandler} (the search that made a refusal cost
 * several times a success). Told by what runs: handlers for each exception stand by in the
 * context and count every call the framework makes to them.
 */
class RefusalsTest {

    private static final String STAND_BY = "test.stand-by-exception-handlers";

    /** Answers 418, so a response shows it was asked, and counts its calls. */
    abstract static class StandBy<E extends Throwable> implements ExceptionHandler<E, HttpResponse<?>> {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        @SuppressWarnings("rawtypes") // ExceptionHandler declares a raw HttpRequest
        public HttpResponse<?> handle(HttpRequest request, E exception) {
            calls.incrementAndGet();
            return HttpResponse.status(HttpStatus.I_AM_A_TEAPOT);
        }
    }

    @Singleton
    @Requires(property = STAND_BY)
    static final class StandByRefusalHandler extends StandBy<DomainException> {
    }

    @Singleton
    @Requires(property = STAND_BY)
    static final class StandByBadRequestHandler extends StandBy<BadRequest> {
    }

    /** Stands in for {@link AuthorizationProblems} as the security module's handler bean. */
    @Singleton
    @Requires(property = STAND_BY)
    @Replaces(AuthorizationProblems.class)
    static final class StandByAuthorizationHandler extends StandBy<AuthorizationException> {
    }

    /** Closer to the exception than the framework's {@code HttpStatusHandler}: a search would pick it. */
    @Singleton
    @Requires(property = STAND_BY)
    static final class StandByNotFoundHandler extends StandBy<NotFoundException> {
    }

    /** Beside the framework's handler of the same exception: a search would find two and fail. */
    @Singleton
    @Requires(property = STAND_BY)
    static final class StandByNotAllowedHandler extends StandBy<NotAllowedException> {
    }

    /** Every stand-by handler in the context, whichever exception it stands by for, was never asked. */
    private static void assertNoStandByAsked(EmbeddedServer server) {
        Map<String, Integer> asked = server.getApplicationContext().getBeansOfType(StandBy.class).stream()
                .filter(handler -> handler.calls.get() > 0)
                .collect(Collectors.toMap(handler -> handler.getClass().getSimpleName(), handler -> handler.calls.get()));
        assertEquals(Map.of(), asked, "stand-by handlers asked");
    }

    @Test
    void refusals_and_unreadable_bodies_never_reach_an_exception_handler_bean() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(STAND_BY, true), "test")) {
            Http http = new Http(server.getURI());
            Http.Response missing = http.get("/users/nobody");
            Http.Response unreadable = http.post("/users", "{\"first_name\": \"\", \"userid\": \"ann\"}");
            http.post("/users", "{\"first_name\": \"Ann\", \"last_name\": \"Lee\", \"userid\": \"ann\"}");
            Http.Response taken = http.post("/users", "{\"first_name\": \"Ann\", \"last_name\": \"Lee\", \"userid\": \"ann\"}");

            assertEquals(404, missing.status(), missing::toString);
            assertEquals(Problem.MEDIA_TYPE, missing.contentType());
            assertEquals(Problems.TYPE_PREFIX + "user-not-found", missing.object().get("type"));
            assertEquals(400, unreadable.status(), unreadable::toString);
            assertEquals(Problem.MEDIA_TYPE, unreadable.contentType());
            assertEquals(List.of("/first_name", "/last_name"), unreadable.errorLocations());
            assertEquals(409, taken.status(), taken::toString);
            assertEquals(Problems.TYPE_PREFIX + "user-exists", taken.object().get("type"));
            assertNoStandByAsked(server);
        }
    }

    @Test
    void refused_callers_never_reach_an_exception_handler_bean() {
        Map<String, Object> properties = Map.of(STAND_BY, true, "portside.auth.jwt-secret", SecurityApiTest.SECRET);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            Http http = new Http(server.getURI());
            Http.Response anonymous = http.get("/users/ann");
            Http.Response readerWrites = http.sendWithHeaders("POST", "/users",
                    "{\"first_name\": \"Ann\", \"last_name\": \"Lee\", \"userid\": \"ann\"}",
                    Map.of("Authorization", "Bearer " + SecurityApiTest.token("users:read"), "Content-Type", "application/json"));

            assertEquals(401, anonymous.status(), anonymous::toString);
            assertEquals(Problem.MEDIA_TYPE, anonymous.contentType());
            assertEquals("Bearer realm=\"portside\"", anonymous.header("WWW-Authenticate").orElse(""));
            assertEquals(403, readerWrites.status(), readerWrites::toString);
            assertEquals(Problems.TYPE_PREFIX + "insufficient-scope", readerWrites.object().get("type"));
            assertNoStandByAsked(server);
        }
    }

    @Test
    void requests_no_route_matches_never_reach_an_exception_handler_bean() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(STAND_BY, true), "test")) {
            Http http = new Http(server.getURI());
            Http.Response nowhere = http.get("/nowhere/at/all");
            Http.Response patched = http.send("PATCH", "/users/ann", "{}", "application/json");

            assertEquals(404, nowhere.status(), nowhere::toString);
            assertEquals(Problem.MEDIA_TYPE, nowhere.contentType());
            assertEquals(405, patched.status(), patched::toString);
            assertEquals(Problem.MEDIA_TYPE, patched.contentType());
            assertNoStandByAsked(server);
        }
    }
}

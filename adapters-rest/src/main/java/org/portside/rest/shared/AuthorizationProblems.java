package org.portside.rest.shared;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refused caller, as RFC 6750 §3 says and as problem+json: 401 with a Bearer challenge (and
 * {@code error="invalid_token"} when a token came but did not hold, never why), 403 with
 * {@code error="insufficient_scope"} and the scopes that would do. Logged at INFO with method,
 * route and the token's subject, never the token.
 *
 * <p>Requests get it through a global error route ({@link Route}, for the reason {@link Refusals}
 * gives); the security module's own handler is replaced by it too, so that nothing else answers.
 */
@Produces
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AuthorizationProblems implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger("portside.auth");
    static final String REALM = "portside";

    /** The error route every refused caller of a route is answered through. */
    @Controller
    @Hidden
    static final class Route {

        @Error(global = true, exception = AuthorizationException.class)
        MutableHttpResponse<?> refused(HttpRequest<?> request, AuthorizationException exception) {
            return answer(request, exception);
        }
    }

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares a raw HttpRequest
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        return answer(request, exception);
    }

    @SuppressWarnings("unchecked")
    static MutableHttpResponse<?> answer(HttpRequest<?> request, AuthorizationException exception) {
        String subject = exception.getAuthentication() == null ? "-" : exception.getAuthentication().getName();
        if (exception.isForbidden()) {
            List<String> needed = (List<String>) request.getAttribute(ScopeRule.NEEDED, List.class).orElse(List.of());
            LOG.info("403 {} {} for sub {}: needs one of {}", request.getMethodName(), request.getPath(), subject, needed);
            Problem problem = Problems.of(HttpStatus.FORBIDDEN, "insufficient-scope",
                    "the token does not grant " + (needed.size() == 1 ? "the scope " : "any of the scopes ") + String.join(", ", needed), List.of());
            return Problems.respond(HttpResponse.status(HttpStatus.FORBIDDEN).header(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + String.join(" ", needed) + "\""), problem);
        }
        boolean tokenSent = request.getHeaders().getAuthorization().map(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).orElse(false);
        LOG.info("401 {} {}: {}", request.getMethodName(), request.getPath(), tokenSent ? "the bearer token did not hold" : "no bearer token");
        Problem problem = Problems.of(HttpStatus.UNAUTHORIZED, tokenSent ? "invalid-token" : "unauthenticated",
                tokenSent ? "the bearer token is not valid" : "a bearer token is required (Authorization: Bearer <token>)", List.of());
        String challenge = "Bearer realm=\"" + REALM + "\"" + (tokenSent ? ", error=\"invalid_token\"" : "");
        return Problems.respond(HttpResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, challenge), problem);
    }
}

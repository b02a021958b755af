package org.portside.rest.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.NotBeforeJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * A token is not valid before its {@code nbf}: the library's own check, which is off unless asked
 * for, always on here.
 */
@Singleton
final class NotBeforeCheck implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private final NotBeforeJwtClaimsValidator<HttpRequest<?>> check = new NotBeforeJwtClaimsValidator<>();

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        return check.validate(claims, request);
    }
}

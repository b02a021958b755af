package org.portside.rest.shared;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;

/** The keys bearer tokens are checked with, made from portside's own settings. */
@Factory
class TokenKeys {

    /**
     * HS256 with the shared secret. Eager, so a secret too short to be safe stops the start with a
     * message saying so, not the first request.
     */
    @Context
    @Named("portside-secret")
    @Requires(property = "portside.auth.jwt-secret")
    SignatureConfiguration sharedSecret(AuthSettings settings) {
        String secret = settings.getJwtSecret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < AuthSettings.MIN_SECRET_BYTES) {
            throw new IllegalStateException("PORTSIDE_AUTH_JWT_SECRET must be at least " + AuthSettings.MIN_SECRET_BYTES
                    + " bytes for HS256 (RFC 7518 3.2); it is " + (secret == null ? 0 : secret.getBytes(StandardCharsets.UTF_8).length)
                    + ". Generate one with: openssl rand -base64 48");
        }
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("portside-secret");
        configuration.setSecret(secret);
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(configuration);
    }
}

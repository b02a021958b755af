package org.portside.rest.shared;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import com.nimbusds.jose.jwk.KeyType;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import io.micronaut.security.token.jwt.validator.AudienceJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.IssuerJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JwtClaimsValidatorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
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

    /**
     * The identity provider's published keys (RS256, ES256 …), fetched from its JWKS URL and cached;
     * the library verifies with them without blocking (its ReactiveJwksSignature, made for each such
     * configuration).
     */
    @Singleton
    @Named("portside-jwks")
    @Requires(property = "portside.auth.jwks-url")
    JwksSignatureConfiguration identityProvider(AuthSettings settings) {
        return new JwksSignatureConfiguration() {
            @Override
            public String getName() {
                return "portside-jwks";
            }

            @Override
            public String getUrl() {
                return settings.getJwksUrl();
            }

            @Override
            public KeyType getKeyType() {
                return null; // any key type the provider publishes: RSA and EC alike
            }

            @Override
            public Integer getCacheExpiration() {
                return 60;
            }
        };
    }

    /** iss and aud, checked by the library's own validators when portside.auth.issuer / audience are set. */
    @Singleton
    @Requires(property = "portside.auth.issuer")
    GenericJwtClaimsValidator<HttpRequest<?>> issuer(AuthSettings settings) {
        return new IssuerJwtClaimsValidator<>(claimsConfiguration(settings));
    }

    @Singleton
    @Requires(property = "portside.auth.audience")
    GenericJwtClaimsValidator<HttpRequest<?>> audience(AuthSettings settings) {
        return new AudienceJwtClaimsValidator<>(claimsConfiguration(settings));
    }

    private static JwtClaimsValidatorConfiguration claimsConfiguration(AuthSettings settings) {
        return new JwtClaimsValidatorConfiguration() {
            @Override
            public String getAudience() {
                return settings.getAudience();
            }

            @Override
            public String getIssuer() {
                return settings.getIssuer();
            }

            @Override
            public boolean isSubjectNotNull() {
                return true;
            }

            @Override
            public boolean isNotBefore() {
                return true;
            }

            @Override
            public boolean isExpiration() {
                return true;
            }

            @Override
            public boolean isNonce() {
                return false;
            }

            @Override
            public boolean isOpenidIdtoken() {
                return false;
            }
        };
    }
}

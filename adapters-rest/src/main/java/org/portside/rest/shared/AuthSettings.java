package org.portside.rest.shared;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How callers are authenticated ({@code portside.auth.*}, so {@code PORTSIDE_AUTH_JWT_SECRET} and the
 * like). With no key configured, no token is asked for (see the README's protected mode).
 */
@ConfigurationProperties("portside.auth")
public class AuthSettings {

    /** The shortest HS256 secret accepted: RFC 7518 §3.2 asks for a key at least as long as the hash. */
    public static final int MIN_SECRET_BYTES = 32;

    private String jwtSecret;
    private String jwksUrl;
    private String mode;
    private String issuer;
    private String audience;

    public String getIssuer() {
        return issuer;
    }

    /** {@code iss} every token must carry ({@code PORTSIDE_AUTH_ISSUER}); unchecked when unset. */
    public void setIssuer(String issuer) {
        this.issuer = blankToNull(issuer);
    }

    public String getAudience() {
        return audience;
    }

    /** An {@code aud} every token must name ({@code PORTSIDE_AUTH_AUDIENCE}); unchecked when unset. */
    public void setAudience(String audience) {
        this.audience = blankToNull(audience);
    }

    /** {@code none}: run without tokens on any address, on purpose ({@code PORTSIDE_AUTH_MODE=none}). */
    public boolean explicitlyOpen() {
        return "none".equalsIgnoreCase(mode);
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = blankToNull(mode);
    }

    public String getJwtSecret() {
        return jwtSecret;
    }

    public void setJwtSecret(String jwtSecret) {
        this.jwtSecret = blankToNull(jwtSecret);
    }

    public String getJwksUrl() {
        return jwksUrl;
    }

    public void setJwksUrl(String jwksUrl) {
        this.jwksUrl = blankToNull(jwksUrl);
    }

    /** Whether tokens are required: a key to check them with is configured. */
    public boolean tokensRequired() {
        return jwtSecret != null || jwksUrl != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

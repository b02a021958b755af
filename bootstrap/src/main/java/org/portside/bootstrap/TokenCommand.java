package org.portside.bootstrap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portside.rest.shared.AuthSettings;
import org.portside.rest.shared.Scopes;

/**
 * {@code java -jar portside.jar token --scope "tasks:work" --worker w1 [--ttl 1h] [--sub name]}:
 * prints an HS256 bearer token signed with {@code PORTSIDE_AUTH_JWT_SECRET}, for development and
 * for trying the API. An identity provider issues the tokens of a real deployment.
 */
final class TokenCommand {

    private static final Pattern TTL = Pattern.compile("([0-9]{1,9})([smhd])");

    private TokenCommand() {
    }

    /** @return the token; @throws IllegalArgumentException with a message for the user */
    static String run(String[] args, Map<String, String> environment, Instant now) {
        String scope = null;
        String worker = null;
        String subject = "portside-token-command";
        Duration ttl = Duration.ofHours(1);
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--scope" -> scope = value;
                case "--worker" -> worker = value;
                case "--sub" -> subject = value;
                case "--ttl" -> ttl = ttl(value);
                default -> throw new IllegalArgumentException("unknown option " + option + usage());
            }
        }
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("--scope is required, e.g. --scope \"users:read users:write\"" + usage());
        }
        String secret = environment.getOrDefault("PORTSIDE_AUTH_JWT_SECRET", "");
        if (secret.getBytes(StandardCharsets.UTF_8).length < AuthSettings.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("set PORTSIDE_AUTH_JWT_SECRET (at least " + AuthSettings.MIN_SECRET_BYTES
                    + " bytes, e.g. from: openssl rand -base64 48) to the secret the service uses");
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("scope", scope.trim());
        if (worker != null) {
            claims.claim(Scopes.WORKER_CLAIM, worker);
        }
        environment.entrySet().stream().filter(e -> e.getKey().equals("PORTSIDE_AUTH_ISSUER") && !e.getValue().isBlank())
                .findFirst().ifPresent(e -> claims.issuer(e.getValue()));
        environment.entrySet().stream().filter(e -> e.getKey().equals("PORTSIDE_AUTH_AUDIENCE") && !e.getValue().isBlank())
                .findFirst().ifPresent(e -> claims.audience(e.getValue()));
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("could not sign the token: " + e.getMessage(), e);
        }
    }

    static Duration ttl(String value) {
        Matcher m = TTL.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("--ttl takes a number and s, m, h or d, e.g. 30m or 1h; not " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String usage() {
        return "\nusage: java -jar portside.jar token --scope \"<scopes>\" [--worker <worker>] [--ttl 1h] [--sub <name>]";
    }
}

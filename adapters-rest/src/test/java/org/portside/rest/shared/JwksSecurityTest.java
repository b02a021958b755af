package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys from an identity provider: portside fetches its JWKS (served here by a small HTTP server of
 * the test's own) and accepts RS256 and ES256 tokens signed with them, with the issuer and audience
 * it is told to expect.
 */
class JwksSecurityTest {

    static final String ISSUER = "https://idp.example.test/realms/portside";
    static final String AUDIENCE = "portside-api";

    static RSAKey rsa;
    static ECKey ec;
    static RSAKey stranger;
    static HttpServer idp;
    static ApplicationContext context;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate(); // same key id, other key
        byte[] jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        idp.start();
        context = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "portside.auth.jwks-url", "http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks.json",
                "portside.auth.issuer", ISSUER,
                "portside.auth.audience", AUDIENCE), "test").getApplicationContext();
        http = new Http(context.getBean(EmbeddedServer.class).getURI());
    }

    @AfterAll
    static void stop() {
        context.close();
        idp.stop(0);
    }

    static String token(JWSSigner signer, JWSAlgorithm algorithm, String keyId, String issuer, String audience, String scope) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("svc-1").issuer(issuer).audience(audience).claim("scope", scope)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    int status(String token) {
        return http.sendWithHeaders("POST", "/guid", "{\"user\":\"a\"}", Map.of("Authorization", "Bearer " + token)).status();
    }

    @Test
    void rs256_and_es256_tokens_from_the_providers_keys_are_accepted() throws Exception {
        assertEquals(201, status(token(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", ISSUER, AUDIENCE, "guids:write")));
        assertEquals(201, status(token(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1", ISSUER, AUDIENCE, "guids:write")));
        assertEquals(403, status(token(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", ISSUER, AUDIENCE, "guids:read")));
    }

    @Test
    void an_unknown_key_a_wrong_issuer_or_audience_is_401() throws Exception {
        assertEquals(401, status(token(new RSASSASigner(stranger), JWSAlgorithm.RS256, "rsa-1", ISSUER, AUDIENCE, "guids:write")));
        assertEquals(401, status(token(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", "https://evil.example.test", AUDIENCE, "guids:write")));
        assertEquals(401, status(token(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", ISSUER, "another-api", "guids:write")));
        assertEquals(401, status(SecurityApiTest.token("admin")), "an HS256 token, with no shared secret configured");
    }
}

package org.portside.bootstrap;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.portside.rest.shared.AuthSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safe by default, as Redis is without a password: with no key to check tokens with, portside
 * listens on 127.0.0.1 only and serves local callers without tokens. Asked to listen elsewhere
 * without a key it refuses to start, naming the two ways out: configure a key, or say
 * {@code PORTSIDE_AUTH_MODE=none} to run open on purpose.
 */
@Singleton
final class ProtectedMode implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger("portside.auth");
    static final String LOOPBACK = "127.0.0.1";

    private final AuthSettings auth;

    ProtectedMode(AuthSettings auth) {
        this.auth = auth;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        if (auth.tokensRequired()) {
            return server;
        }
        String host = server.getHost().orElse(null);
        if (auth.explicitlyOpen()) {
            LOG.warn("PORTSIDE_AUTH_MODE=none: no token is asked for, and portside listens on {}; anyone who can reach it "
                    + "can read, change and delete everything", host == null ? "every address" : host);
            return server;
        }
        if (host == null) {
            server.setHost(LOOPBACK);
            LOG.warn("Protected mode: no key is configured (PORTSIDE_AUTH_JWT_SECRET or PORTSIDE_AUTH_JWKS_URL), so portside "
                    + "listens on {} only and local callers need no token", LOOPBACK);
        } else if (!isLoopback(host)) {
            throw new IllegalStateException("portside will not listen on " + host + " without a key to check tokens with. "
                    + "Either configure one (PORTSIDE_AUTH_JWT_SECRET, at least 32 bytes, or PORTSIDE_AUTH_JWKS_URL), "
                    + "or set PORTSIDE_AUTH_MODE=none to run open on purpose.");
        } else {
            LOG.warn("Protected mode: no key is configured, so local callers on {} need no token", host);
        }
        return server;
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without a key portside keeps to 127.0.0.1, and will not be put on a network by accident. */
class ProtectedModeTest {

    private static ApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("micronaut.server.port", -1);
        return ApplicationContext.run(EmbeddedServer.class, all, "test").getApplicationContext();
    }

    private static Optional<String> host(ApplicationContext context) {
        return context.getBean(NettyHttpServerConfiguration.class).getHost();
    }

    @Test
    void without_a_key_it_listens_on_loopback_only() {
        try (ApplicationContext context = start(Map.of())) {
            assertEquals(Optional.of("127.0.0.1"), host(context));
        }
    }

    @Test
    void without_a_key_it_refuses_a_network_address_naming_the_two_ways_out() {
        Exception e = assertThrows(Exception.class, () -> start(Map.of("micronaut.server.host", "0.0.0.0")).close());
        String message = rootMessage(e);
        assertTrue(message.contains("PORTSIDE_AUTH_JWT_SECRET") && message.contains("PORTSIDE_AUTH_MODE=none"), message);
    }

    @Test
    void mode_none_runs_open_on_purpose_and_a_key_allows_any_address() {
        try (ApplicationContext context = start(Map.of("micronaut.server.host", "0.0.0.0", "portside.auth.mode", "none"))) {
            assertEquals(Optional.of("0.0.0.0"), host(context));
        }
        try (ApplicationContext context = start(Map.of("micronaut.server.host", "0.0.0.0",
                "portside.auth.jwt-secret", "a secret that is certainly longer than thirty-two bytes"))) {
            assertEquals(Optional.of("0.0.0.0"), host(context));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder all = new StringBuilder();
        while (t != null) {
            all.append(t.getMessage()).append(" | ");
            t = t.getCause();
        }
        return all.toString();
    }
}

package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.portside.rest.shared.Http;
import org.slf4j.LoggerFactory;

/** The access log's lines as the shipped configuration writes them, for requests over a socket. */
class AccessLogTest {

    @Test
    void the_address_logged_is_the_connections_not_one_a_client_wrote_in_a_header() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(event.getFormattedMessage());
            }
        };
        Logger accessLog = (Logger) LoggerFactory.getLogger("HTTP_ACCESS_LOGGER");
        Level level = accessLog.getLevel();
        boolean additive = accessLog.isAdditive();
        capture.start();
        accessLog.addAppender(capture);
        accessLog.setLevel(Level.INFO); // the tests' logback configuration keeps it quiet
        accessLog.setAdditive(false);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(), "test")) {
            Http http = new Http(server.getURI());
            assertEquals(200, http.sendWithHeaders("GET", "/health/liveness?forged=1", null,
                    Map.of("X-Forwarded-For", "6.6.6.6, 10.0.0.1")).status());
            assertEquals(200, http.sendWithHeaders("GET", "/health/liveness?forged=2", null,
                    Map.of("Forwarded", "for=7.7.7.7;proto=http")).status());
            for (String request : new String[] {"forged=1", "forged=2"}) {
                String line = next(lines, request);
                assertTrue(line.startsWith("127.0.0.1 - \"GET /health/liveness?" + request + " HTTP/1.1\" 200 "), line);
            }
        } finally {
            accessLog.detachAppender(capture);
            accessLog.setLevel(level);
            accessLog.setAdditive(additive);
        }
    }

    private static String next(BlockingQueue<String> lines, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(containing)) {
                return line;
            }
        }
        assertNotNull(null, "no access log line for " + containing);
        return null;
    }
}

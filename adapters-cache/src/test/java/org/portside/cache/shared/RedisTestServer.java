package org.portside.cache.shared;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Redis the tests use: {@code PORTSIDE_TEST_REDIS_URI}, default {@code redis://127.0.0.1:6379}.
 * Where it does not answer, a test that needs it is skipped with a message naming it — except with
 * {@code CI=true}, where a missing server is a failure, never a silent skip.
 */
public final class RedisTestServer {

    private RedisTestServer() {
    }

    public static String uri() {
        String configured = System.getenv("PORTSIDE_TEST_REDIS_URI");
        return configured == null || configured.isBlank() ? "redis://127.0.0.1:6379" : configured;
    }

    /** Returns the URI of a Redis that answers PING, or skips (fails in CI) the calling test. */
    public static String requireRunning() {
        String uri = uri();
        if (!answersPing(uri)) {
            String message = "Redis at " + uri + " is not reachable";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true: tests that need Redis must not be skipped)");
            }
            System.err.println("SKIPPED: " + message + "; the tests that need Redis are skipped. "
                    + "Start Redis or set PORTSIDE_TEST_REDIS_URI to run them.");
            Assumptions.abort(message + "; skipped (set PORTSIDE_TEST_REDIS_URI or start Redis)");
        }
        return uri;
    }

    static boolean answersPing(String uri) {
        URI parsed = URI.create(uri);
        int port = parsed.getPort() < 0 ? 6379 : parsed.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(parsed.getHost(), port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}

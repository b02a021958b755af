package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the service writes to its log, with its real logback.xml: one event, one line, whatever a client sent. */
class LogLinesTest {

    @Test
    void client_text_cannot_forge_a_log_line_or_carry_control_characters() throws Exception {
        String worker = "w1\n2026-11-24T00:00:00.000Z INFO  [main] portside.tasks - task 42 deleted\r\u001b[2J";
        String logged = logWithProductionConfig("task {} created for worker {}", "7", worker);
        assertEquals(1, logged.lines().count(), logged);
        assertTrue(logged.contains("worker w1\\n2026-11-24T00:00:00.000Z INFO  [main] portside.tasks - task 42 deleted\\r\\u001b[2J"), logged);
    }

    @Test
    void plain_text_is_logged_as_is() throws Exception {
        String logged = logWithProductionConfig("task {} created for worker {}", "7", "w1 ünïcødé 😀");
        assertTrue(logged.endsWith("task 7 created for worker w1 ünïcødé 😀" + System.lineSeparator()), logged);
    }

    @Test
    void every_logger_the_access_log_included_writes_through_the_batching_console() throws Exception {
        LoggerContext context = configured();
        try {
            assertTrue(context.getLogger("ROOT").getAppender("CONSOLE") instanceof BatchingConsoleAppender);
            for (String logger : new String[] {"HTTP_ACCESS_LOGGER", "portside.tasks", "io.micronaut"}) {
                assertTrue(context.getLogger(logger).isAdditive(), logger + " reaches it");
            }
        } finally {
            context.stop();
        }
    }

    @Test
    void a_console_that_does_not_keep_up_never_blocks_the_caller_it_drops_lines_instead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PrintStream original = System.out;
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                awaitQuietly(release);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                awaitQuietly(release);
            }
        };
        System.setOut(new PrintStream(stuck, true, StandardCharsets.UTF_8));
        LoggerContext context = configured();
        try {
            BatchingConsoleAppender console = (BatchingConsoleAppender) context.getLogger("ROOT").getAppender("CONSOLE");
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 20_000; i++) {
                    context.getLogger("HTTP_ACCESS_LOGGER").info("127.0.0.1 - \"GET /guid/{} HTTP/1.1\" 200 76 0", i);
                }
            }, "a logging call waited for the console");
            assertTrue(console.dropped() > 0, "the lines the queue had no room for are dropped");
        } finally {
            release.countDown();
            context.stop();
            System.setOut(original);
        }
    }

    @Test
    void lines_reach_the_console_while_the_service_runs_not_only_when_it_stops() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        LoggerContext context = configured();
        try {
            context.getLogger("HTTP_ACCESS_LOGGER").info("127.0.0.1 - \"GET /health/liveness HTTP/1.1\" 200 15 0");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!printed.toString(StandardCharsets.UTF_8).contains("GET /health/liveness") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("GET /health/liveness"), "written by the batch writer");
        } finally {
            context.stop();
            System.setOut(original);
        }
    }

    private static LoggerContext configured() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // a context of its own needs its own MDC
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogLinesTest.class.getResource("/logback.xml"));
        return context;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs one INFO event through a logger context configured from the shipped logback.xml; returns what it printed. */
    private static String logWithProductionConfig(String format, Object... arguments) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // a context of its own needs its own MDC
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogLinesTest.class.getResource("/logback.xml"));
            context.getLogger("portside.tasks").info(format, arguments);
        } finally {
            context.stop();
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}

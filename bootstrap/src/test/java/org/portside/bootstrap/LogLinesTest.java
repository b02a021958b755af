package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    void logging_never_blocks_a_request_the_access_log_included() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogLinesTest.class.getResource("/logback.xml"));
            for (String logger : new String[] {"HTTP_ACCESS_LOGGER", "portside.tasks"}) {
                ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent> appender = context.getLogger("ROOT").getAppender("ASYNC");
                assertTrue(appender instanceof ch.qos.logback.classic.AsyncAppender async && async.isNeverBlock(),
                        logger + " logs through a never-blocking asynchronous appender");
                assertTrue(context.getLogger(logger).isAdditive(), logger + " reaches it");
            }
        } finally {
            context.stop();
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

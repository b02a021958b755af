package org.portside.bootstrap;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} with every control character escaped, so text a client chose (a worker's name, a
 * path) can never start a forged log line or move a terminal's cursor: a newline is written as
 * {@code \n}, other control characters as {@code \}{@code uXXXX}. Registered for {@code %msg} in
 * logback.xml, so it covers every log line, whoever writes it. (logback's own {@code %replace}
 * can only put one fixed text in place of each match, which would hide what was sent.)
 */
public final class EscapedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(super.convert(event));
    }

    static String escape(String message) {
        if (message == null || message.chars().noneMatch(EscapedMessageConverter::isControl)) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 16);
        message.chars().forEach(c -> {
            if (!isControl(c)) {
                out.append((char) c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }

    /** C0 and C1 controls (tab included: it can pad a forged field), DEL, and the Unicode line and paragraph separators. */
    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
    }
}

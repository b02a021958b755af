package org.portside.bootstrap;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.server.netty.handler.accesslog.element.ConnectionMetadata;
import io.micronaut.http.server.netty.handler.accesslog.element.ConstantElement;
import io.micronaut.http.server.netty.handler.accesslog.element.LogElement;
import io.micronaut.http.server.netty.handler.accesslog.element.LogElementBuilder;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Set;

/**
 * {@code %{peer}a} in the access log's format: the address of the connection's other end, and
 * nothing a client can write. Micronaut's own {@code %a} logs the first entry of a request's
 * {@code X-Forwarded-For} (or {@code Forwarded}) header whenever there is one, so any client could
 * log itself as any address; {@code %h} resolves the name (a DNS lookup on the event loop). Behind a
 * proxy that sets such a header, add it to the format on purpose: {@code %{X-Forwarded-For}i}.
 *
 * <p>The access log takes its elements from {@link LogElementBuilder}s found by the service loader
 * (META-INF/services), first by order: this one answers before the library's, for {@code a} with
 * the parameter {@code peer} only, and leaves every other token to the library.
 */
public final class PeerAddress implements LogElementBuilder {

    static final String PARAMETER = "peer";

    @Override
    public LogElement build(String token, String param) {
        return "a".equals(token) && PARAMETER.equals(param) ? Element.INSTANCE : null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Stateless, so one instance serves every request. */
    private static final class Element implements LogElement {

        static final Element INSTANCE = new Element();

        @Override
        public Set<Event> events() {
            return Event.REQUEST_HEADERS_EVENTS;
        }

        @Override
        public String onRequestHeaders(@NonNull ConnectionMetadata metadata, @NonNull String method,
                                       @NonNull HttpHeaders headers, @NonNull String uri, @NonNull String protocol) {
            return metadata.remoteAddress().flatMap(ConnectionMetadata::getHostAddress).orElse(ConstantElement.UNKNOWN_VALUE);
        }

        @Override
        public LogElement copy() {
            return this;
        }

        @Override
        public String toString() {
            return "%{" + PARAMETER + "}a";
        }
    }
}

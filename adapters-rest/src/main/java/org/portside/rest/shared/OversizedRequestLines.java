package org.portside.rest.shared;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A request line or header block over Netty's limits never reaches Micronaut as a request: the
 * codec marks the message failed, and the server would answer a bare 413. This handler sits right
 * after the codec and answers such a message as RFC 9110 says, with a problem: 414 for a request
 * line (a URI) too long, 431 for headers too large; then it closes the connection, since the rest of
 * the stream cannot be trusted to be in step.
 */
@Singleton
final class OversizedRequestLines implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final JsonMapper json;

    OversizedRequestLines(JsonMapper json) {
        this.json = json;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new PerConnection(null));
        return event.getBean();
    }

    private final class PerConnection implements NettyServerCustomizer {

        private final Channel channel;

        PerConnection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new PerConnection(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, "portside-oversized-lines", new Answer());
            }
        }
    }

    private final class Answer extends ChannelInboundHandlerAdapter {

        private boolean answered;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (answered) {
                ReferenceCountUtil.release(msg); // what follows a refused request line is not read
                return;
            }
            if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
                Throwable cause = http.decoderResult().cause();
                HttpStatus status = cause instanceof TooLongHttpLineException ? HttpStatus.REQUEST_URI_TOO_LONG
                        : cause instanceof TooLongHttpHeaderException ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        : null;
                if (status != null) {
                    answered = true;
                    ReferenceCountUtil.release(msg);
                    String detail = status == HttpStatus.REQUEST_URI_TOO_LONG
                            ? "The request line is too long; a URL of portside's API fits in 4 KiB."
                            : "The request's headers are too large.";
                    ctx.writeAndFlush(response(status, detail)).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        private FullHttpResponse response(HttpStatus status, String detail) {
            byte[] body;
            try {
                body = json.writeValueAsBytes(Problems.of(status, null, detail, List.of()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status.getCode()), Unpooled.wrappedBuffer(body));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(SecurityHeaders.NOSNIFF, "nosniff");
            return response;
        }
    }
}

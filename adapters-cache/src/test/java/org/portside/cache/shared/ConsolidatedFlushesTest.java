package org.portside.cache.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Against a real Redis: how many flushes reach the socket for commands sent by one thread in a burst. */
class ConsolidatedFlushesTest {

    private static final int COMMANDS = 200;

    /** Counts the flushes that reach the socket's end of the pipeline. */
    private static final class Flushes extends ChannelOutboundHandlerAdapter {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count.incrementAndGet();
            ctx.flush();
        }
    }

    @Test
    void a_burst_of_commands_reaches_the_socket_in_far_fewer_flushes_and_every_one_is_answered() throws Exception {
        String uri = RedisTestServer.requireRunning();
        int stock = flushesFor(uri, false);
        int consolidated = flushesFor(uri, true);
        assertTrue(stock >= COMMANDS, "Lettuce alone flushes every command: " + stock);
        assertTrue(consolidated <= COMMANDS / 4, "with the handler: " + consolidated + " flushes for " + COMMANDS + " commands");
    }

    private static int flushesFor(String uri, boolean withHandler) throws Exception {
        ClientResources.Builder builder = ClientResources.builder();
        if (withHandler) {
            new ConsolidatedFlushes().mutate(builder, new DefaultRedisConfiguration());
        }
        ClientResources mutated = builder.build();
        NettyCustomizer portside = mutated.nettyCustomizer(); // the customizer the mutator set, if any
        mutated.shutdown();
        Flushes flushes = new Flushes();
        ClientResources resources = ClientResources.builder().nettyCustomizer(new NettyCustomizer() {
            @Override
            public void afterChannelInitialized(Channel channel) {
                portside.afterChannelInitialized(channel);
                channel.pipeline().addFirst(flushes); // between the handler and the socket
            }
        }).build();
        RedisClient client = RedisClient.create(resources, RedisURI.create(uri));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> redis = connection.async();
            redis.ping().get(5, TimeUnit.SECONDS);
            int before = flushes.count.get();
            List<RedisFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                replies.add(redis.get("portside-test:flushes:" + i));
            }
            for (RedisFuture<String> reply : replies) {
                assertEquals(null, reply.get(5, TimeUnit.SECONDS));
            }
            return flushes.count.get() - before;
        } finally {
            client.shutdown();
            resources.shutdown();
        }
    }
}

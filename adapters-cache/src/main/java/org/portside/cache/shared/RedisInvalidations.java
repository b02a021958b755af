package org.portside.cache.shared;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An invalidation channel shared by every instance on one Redis, over Redis pub/sub: an instance
 * that changes a key {@link #publish publishes} it, every other instance is told through its
 * {@link Listener}. It is what keeps in-process near caches coherent.
 *
 * <p>Why pub/sub and not Lettuce's client-side caching ({@code CLIENT TRACKING}): Lettuce's
 * {@code CacheFrontend} reads synchronously, which would block the event loop the GUID reads run on.
 *
 * <p>Pub/sub is fire-and-forget: a message sent while this instance is not subscribed is lost. So the
 * channel counts as {@link #coherent()} only while the subscription is confirmed and its connection
 * open, and {@link Listener#coherenceLost()} is called on every (re)subscription, which is the first
 * moment after a gap: the listener must then forget everything it may have missed.
 */
public final class RedisInvalidations implements AutoCloseable {

    /** What a near cache does when told. Called on a Lettuce event-loop thread: must not block. */
    public interface Listener {

        /** Another instance changed {@code key}. */
        void invalidated(String key);

        /** Messages may have been missed (the connection dropped, or was just made): forget all. */
        void coherenceLost();
    }

    private static final Logger LOG = LoggerFactory.getLogger(RedisInvalidations.class);

    private final RedisClient client;
    private final RedisURI uri;
    private final RedisConnector commands;
    private final String channel;
    private final String origin = UUID.randomUUID().toString();
    private final Duration retryInterval;
    private final AtomicReference<StatefulRedisPubSubConnection<String, String>> connection = new AtomicReference<>();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Listener listener;

    RedisInvalidations(RedisClient client, RedisURI uri, RedisConnector commands, String channel,
                              Duration retryInterval) {
        this.client = client;
        this.uri = uri;
        this.commands = commands;
        this.channel = channel;
        this.retryInterval = retryInterval;
    }

    /** Starts listening (in the background, retrying until Redis answers); once only. */
    public void listen(Listener listener) {
        this.listener = listener;
        connect();
    }

    /**
     * True while no message can have been missed since the last {@link Listener#coherenceLost()}:
     * subscribed and connected.
     */
    public boolean coherent() {
        StatefulRedisPubSubConnection<String, String> c = connection.get();
        return subscribed.get() && c != null && c.isOpen();
    }

    /**
     * Tells the other instances that {@code key} changed. Sent on the command connection right after
     * the caller's own write to Redis, so Redis handles the two in that order.
     */
    public CompletionStage<Void> publish(String key) {
        return commands.commands()
                .map(redis -> publish(redis, key))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    private CompletionStage<Void> publish(RedisAsyncCommands<String, String> redis, String key) {
        try {
            return redis.publish(channel, origin + " " + key).handle((receivers, error) -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private void connect() {
        if (closed.get()) {
            return;
        }
        client.connectPubSubAsync(StringCodec.UTF8, uri).whenComplete((c, error) -> {
            if (error != null) {
                LOG.warn("Redis at {} is unreachable for cache invalidations ({}); near cache off, retrying in {} s",
                        commands.describe(), RedisConnector.rootMessage(error), retryInterval.toSeconds());
                client.getResources().eventExecutorGroup()
                        .schedule(this::connect, retryInterval.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            if (closed.get()) {
                c.closeAsync();
                return;
            }
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    received(message);
                }

                @Override
                public void subscribed(String from, long count) {
                    // also after every reconnect: Lettuce subscribes again by itself
                    subscribed.set(true);
                    listener.coherenceLost();
                }
            });
            c.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                    // until Lettuce has subscribed again, messages are lost: stop serving, forget all
                    subscribed.set(false);
                    listener.coherenceLost();
                }
            });
            connection.set(c);
            c.async().subscribe(channel);
        });
    }

    private void received(String message) {
        int space = message.indexOf(' ');
        if (space < 0 || message.substring(0, space).equals(origin)) {
            return; // not ours, or our own (the writer updated its near cache itself)
        }
        listener.invalidated(message.substring(space + 1));
    }

    @Override
    public void close() {
        closed.set(true);
        StatefulRedisPubSubConnection<String, String> c = connection.getAndSet(null);
        if (c != null) {
            c.closeAsync();
        }
    }
}

package org.portside.cache.shared;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis connection that never blocks and never takes the service down. It connects in the
 * background; while Redis is unreachable {@link #commands()} is empty (callers treat that as a cache
 * miss) and a new attempt is made at most once per {@code retryInterval}. Once connected, Lettuce
 * reconnects by itself, and commands fail fast instead of queueing while it is disconnected.
 */
public final class RedisConnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration retryInterval;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();
    private final AtomicLong nextAttemptNanos = new AtomicLong();
    private final List<RedisInvalidations> channels = new CopyOnWriteArrayList<>();

    public RedisConnector(RedisClient client, RedisURI uri, Duration commandTimeout, Duration retryInterval) {
        this.client = client;
        this.uri = uri;
        this.retryInterval = retryInterval;
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        connectInBackground();
    }

    /** The async command API if connected; empty (and a reconnect attempt started) otherwise. */
    public Optional<RedisAsyncCommands<String, String>> commands() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            StatefulRedisConnection<String, String> c = current.join();
            if (c.isOpen()) {
                return Optional.of(c.async());
            }
        }
        if (current == null || current.isCompletedExceptionally()) {
            connectInBackground();
        }
        return Optional.empty();
    }

    /** An invalidation channel on this Redis, closed with this connector; call {@code listen} to start it. */
    public RedisInvalidations invalidations(String channel) {
        RedisInvalidations invalidations = new RedisInvalidations(client, uri, this, channel, retryInterval);
        channels.add(invalidations);
        return invalidations;
    }

    /** Where Redis is, without credentials: for logs and health details. */
    public String describe() {
        return "redis://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    private void connectInBackground() {
        long now = System.nanoTime();
        long due = nextAttemptNanos.get();
        if (now - due < 0 || !nextAttemptNanos.compareAndSet(due, now + retryInterval.toNanos())) {
            return; // an attempt was made recently, or another thread is making one
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt =
                client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        connection.set(attempt);
        attempt.whenComplete((c, e) -> {
            if (e != null) {
                LOG.warn("Redis at {} is unreachable ({}); serving without the cache, retrying in {} s",
                        describe(), rootMessage(e), retryInterval.toSeconds());
            } else {
                LOG.info("Connected to Redis at {}", describe());
            }
        });
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        channels.forEach(RedisInvalidations::close);
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.getAndSet(null);
        if (current != null) {
            current.thenAccept(StatefulRedisConnection::closeAsync);
        }
    }
}

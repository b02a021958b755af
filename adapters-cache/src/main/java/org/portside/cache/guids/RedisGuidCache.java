package org.portside.cache.guids;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.portside.application.guids.port.out.GuidCache;
import org.portside.cache.shared.CacheMetrics;
import org.portside.cache.shared.RedisConnector;
import org.portside.cache.shared.ThrottledWarning;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;
import org.slf4j.LoggerFactory;

/**
 * GUIDs cached in Redis under {@code <prefix>guid:<GUID>} with a TTL, so several instances share one
 * cache and no key lives forever. Non-blocking (Lettuce async); any Redis failure is logged
 * (throttled), counted, and answered as a miss.
 */
final class RedisGuidCache implements GuidCache {

    private static final ThrottledWarning WARNING =
            new ThrottledWarning(LoggerFactory.getLogger(RedisGuidCache.class), Duration.ofSeconds(10));

    private final RedisConnector redis;
    private final String prefix;
    private final CacheMetrics metrics;

    RedisGuidCache(RedisConnector redis, String keyPrefix, CacheMetrics metrics) {
        this.redis = redis;
        this.prefix = keyPrefix + "guid:";
        this.metrics = metrics;
    }

    /** A cached record and how much longer Redis keeps it. */
    record Timed(GuidRecord record, Duration remaining) {
    }

    @Override
    public CompletionStage<Optional<GuidRecord>> get(Guid guid) {
        return call(redis -> redis.get(prefix + guid.value()), value -> counted(decoded(guid, value)), Optional.empty());
    }

    /**
     * Like {@link #get}, with the entry's remaining time to live, so a copy kept elsewhere (the near
     * cache) does not outlive it. The two commands are pipelined: one round trip.
     */
    CompletionStage<Optional<Timed>> getTimed(Guid guid) {
        String key = prefix + guid.value();
        return call(redis -> redis.get(key).thenCombine(redis.pttl(key), (value, millis) -> {
            Optional<GuidRecord> record = decoded(guid, value);
            // PTTL: -1 a key without TTL (not one of ours, but readable), -2 gone meanwhile
            Duration remaining = millis == null || millis == -2 ? Duration.ZERO
                    : millis == -1 ? ChronoUnit.FOREVER.getDuration() : Duration.ofMillis(millis);
            return remaining.isZero() ? Optional.<Timed>empty() : record.map(r -> new Timed(r, remaining));
        }), timed -> {
            counted(timed.map(Timed::record));
            return timed;
        }, Optional.empty());
    }

    private static Optional<GuidRecord> decoded(Guid guid, String value) {
        return Optional.ofNullable(value).flatMap(v -> decode(guid, v));
    }

    private Optional<GuidRecord> counted(Optional<GuidRecord> record) {
        if (record.isPresent()) {
            metrics.hit();
        } else {
            metrics.miss();
        }
        return record;
    }

    @Override
    public CompletionStage<Void> put(GuidRecord record, Duration ttl) {
        return call(redis -> redis.set(prefix + record.guid().value(), encode(record), SetArgs.Builder.px(ttl.toMillis())),
                ok -> null, null);
    }

    @Override
    public CompletionStage<Void> evict(Guid guid) {
        return call(redis -> redis.del(prefix + guid.value()), deleted -> null, null);
    }

    private <R, T> CompletionStage<T> call(Function<RedisAsyncCommands<String, String>, CompletionStage<R>> command,
                                           Function<R, T> onSuccess, T fallback) {
        Optional<RedisAsyncCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            metrics.error();
            WARNING.warn("Redis at " + redis.describe() + " is not connected; serving from the database",
                    new IllegalStateException("not connected"));
            return CompletableFuture.completedFuture(fallback);
        }
        try {
            return command.apply(commands.get()).handle((result, error) -> {
                if (error != null) {
                    metrics.error();
                    WARNING.warn("Redis cache call failed; serving from the database", error);
                    return fallback;
                }
                return onSuccess.apply(result);
            });
        } catch (RuntimeException e) {
            metrics.error();
            WARNING.warn("Redis cache call failed; serving from the database", e);
            return CompletableFuture.completedFuture(fallback);
        }
    }

    /** {@code <expire seconds>\n<owner>}: the owner may hold any character, the expiry only digits. */
    static String encode(GuidRecord record) {
        return record.expire().epochSecond() + "\n" + record.owner().value();
    }

    static Optional<GuidRecord> decode(Guid guid, String value) {
        int newline = value.indexOf('\n');
        try {
            return Optional.of(new GuidRecord(guid, new Expiry(Long.parseLong(value.substring(0, newline))),
                    new Owner(value.substring(newline + 1))));
        } catch (RuntimeException e) {
            return Optional.empty(); // not ours or corrupt: a miss, and the store answers
        }
    }
}

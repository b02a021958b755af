package org.portside.cache.shared;

import io.lettuce.core.RedisClient;
import io.micronaut.context.event.BeanDestroyedEvent;
import io.micronaut.context.event.BeanDestroyedEventListener;
import jakarta.inject.Singleton;

/**
 * Shuts down the Lettuce resources of the Redis client micronaut-redis made, once that client is
 * shut down. micronaut-redis (6.9) always builds a {@code ClientResources} of its own and hands it
 * to {@code RedisClient.create(resources, uri)}, which by Lettuce's contract leaves shutting it down
 * to the caller; nobody did, so every closed context left its executor threads and timers running.
 * A timer left behind fired a minute after a refused connection (the handshake timeout of a channel
 * whose event loop was already gone) and logged an ERROR from the closed context.
 */
@Singleton
final class ClientResourcesShutdown implements BeanDestroyedEventListener<RedisClient> {

    @Override
    public void onDestroyed(BeanDestroyedEvent<RedisClient> event) {
        event.getBean().getResources().shutdown();
    }
}

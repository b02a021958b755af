package org.portside.cache.tasks;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.portside.application.tasks.port.out.RecentTasks;

@Factory
class RecentTasksFactory {

    /** Up to {@code portside.tasks.recent.maximum-size} tasks (0: none), each for {@code portside.tasks.recent.ttl}. */
    @Singleton
    RecentTasks recentTasks(@Value("${portside.tasks.recent.maximum-size:10000}") long maximumSize,
                            @Value("${portside.tasks.recent.ttl:10m}") Duration kept) {
        return maximumSize == 0 ? RecentTasks.none() : new LruRecentTasks(maximumSize, kept, System::nanoTime);
    }
}

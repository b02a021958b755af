package org.portside.application.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.portside.application.guids.GuidService;
import org.portside.application.guids.GuidSettings;
import org.portside.application.guids.RandomGuids;
import org.portside.application.guids.inmemory.InMemoryGuidCache;
import org.portside.application.guids.inmemory.InMemoryGuidStore;
import org.portside.application.guids.port.in.RegisterGuid;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.tasks.TaskService;
import org.portside.application.tasks.inmemory.InMemoryTaskStore;
import org.portside.application.tasks.inmemory.RecordingTaskEvents;
import org.portside.application.tasks.port.in.ScheduleTask;
import org.portside.application.users.GroupService;
import org.portside.application.users.UserService;
import org.portside.application.users.inmemory.InMemoryDirectory;
import org.portside.application.users.port.in.GetGroup;
import org.portside.application.users.port.in.RegisterUser;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Worker;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;

/** The README's embedding example, as it stands there, so it keeps compiling and working. */
class EmbeddingExampleTest {

    @Test
    void the_readme_example_runs_without_any_framework() {
        var transactions = new InMemoryTransactions();

        var directory = new InMemoryDirectory();
        RegisterUser register = new UserService(directory, transactions);
        GetGroup groups = new GroupService(directory, directory, transactions);
        register.register(User.of(new UserId("jsmith"), new PersonName("Joe"), new PersonName("Smith"),
                List.of(new GroupName("admins"))));
        assertEquals(List.of(new UserId("jsmith")), List.copyOf(groups.get(new GroupName("admins")).members()));

        Clock clock = Clock.systemUTC();
        var guids = new GuidService(new InMemoryGuidStore(), new InMemoryGuidCache(clock), new RandomGuids(),
                transactions, clock, ForkJoinPool.commonPool(), GuidSettings.DEFAULTS);
        GuidRecord record = guids.register(new RegisterGuid.Command(Optional.empty(), new Owner("Cylance, Inc.")))
                .toCompletableFuture().join();
        assertTrue(record.guid().value().matches("[0-9A-F]{32}"));

        var taskStore = new InMemoryTaskStore(transactions);    // its writes append to taskStore.history()
        var tasks = new TaskService(taskStore, taskStore.history(), new RecordingTaskEvents(), transactions, clock);
        Task task = tasks.schedule(new ScheduleTask.Command(Instant.now().plusSeconds(60), Optional.empty(),
                new Worker("w1"), Payload.EMPTY));
        assertEquals(TaskStatus.SCHEDULED, task.status());
    }
}

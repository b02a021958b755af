package org.portside.application.tasks.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Retries;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;

/** Creates a SCHEDULED task; its start must be in the future. */
public interface ScheduleTask {

    record Command(Instant start, Optional<Title> title, Worker worker, Payload payload, Retries retries) {

        /** With the default retries. */
        public Command(Instant start, Optional<Title> title, Worker worker, Payload payload) {
            this(start, title, worker, payload, Retries.DEFAULT);
        }
    }

    Task schedule(Command command);

    /**
     * The same, without blocking the caller: answered once the task is stored. Tasks that wait for
     * the database together are stored by one statement and one commit. A command the domain
     * refuses throws at once, as {@link #schedule} does.
     */
    CompletionStage<Task> submit(Command command);
}

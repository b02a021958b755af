package org.portside.application.tasks.port.in;

import java.time.Instant;
import java.util.Optional;
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
}

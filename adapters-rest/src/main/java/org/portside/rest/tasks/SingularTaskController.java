package org.portside.rest.tasks;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The same API at {@code /api/task}, the singular path of the specification's examples. */
@Controller("/api/task")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC work: off the event loop (not inherited from TaskRoutes)
@Tag(name = "tasks (singular alias)")
class SingularTaskController extends TaskRoutes {

    SingularTaskController(TaskUseCases useCases, TaskBodies bodies, TaskJson json) {
        super(useCases, bodies, json);
    }
}

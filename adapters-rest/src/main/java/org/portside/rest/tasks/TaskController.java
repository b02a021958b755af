package org.portside.rest.tasks;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The task API at its canonical path. */
@Controller("/api/tasks")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC work: off the event loop (not inherited from TaskRoutes)
@Tag(name = "tasks")
class TaskController extends TaskRoutes {

    TaskController(TaskUseCases useCases, TaskBodies bodies, TaskJson json) {
        super(useCases, bodies, json);
    }
}

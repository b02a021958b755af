package org.portside.rest.tasks;

import io.micronaut.http.annotation.Controller;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The task API at its canonical path. */
@Controller("/api/tasks")
@Tag(name = "tasks")
class TaskController extends TaskRoutes {

    TaskController(TaskUseCases useCases, TaskBodies bodies, TaskJson json) {
        super(useCases, bodies, json);
    }
}

package org.portside.rest.tasks;

import io.micronaut.http.annotation.Controller;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The same API at {@code /api/task}, the singular path of the specification's examples. */
@Controller("/api/task")
@Tag(name = "tasks (singular alias)")
class SingularTaskController extends TaskRoutes {

    SingularTaskController(TaskUseCases useCases, TaskBodies bodies, TaskJson json) {
        super(useCases, bodies, json);
    }
}

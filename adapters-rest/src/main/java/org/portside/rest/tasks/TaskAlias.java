package org.portside.rest.tasks;

import io.micronaut.context.ExecutionHandleLocator;
import io.micronaut.context.BeanContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.HttpMethodMapping;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.web.router.DefaultRouteBuilder;
import jakarta.inject.Singleton;
import org.portside.rest.shared.RouteAliases;

/**
 * The specification's examples use the singular {@code /api/task}. Every route of
 * {@link TaskController} is served there too, by the same methods, registered here at run time so
 * the OpenAPI document (generated from the annotations) lists each operation once, at its
 * canonical {@code /api/tasks} path.
 */
@Singleton
final class TaskAlias extends DefaultRouteBuilder {

    static final String ALIAS = "/api/task";

    TaskAlias(ExecutionHandleLocator locator, BeanContext context, RouteAliases aliases) {
        super(locator);
        aliases.register(ALIAS, TaskController.CANONICAL);
        BeanDefinition<TaskController> controller = context.getBeanDefinition(TaskController.class);
        for (ExecutableMethod<TaskController, ?> method : controller.getExecutableMethods()) {
            if (!method.hasStereotype(HttpMethodMapping.class)) {
                continue;
            }
            HttpMethod verb = HttpMethod.parse(method.getAnnotationNameByStereotype(HttpMethodMapping.class)
                    .map(name -> name.substring(name.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT))
                    .orElseThrow());
            String uri = ALIAS + method.stringValue(HttpMethodMapping.class).orElse("");
            buildBeanRoute(verb.name(), verb, uri, controller, method).consumes(MediaType.ALL_TYPE);
        }
    }
}

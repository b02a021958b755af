package org.portside.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;
import org.portside.rest.tasks.TasksApiContract;

/** Every row and rule of the tasks API on the embedded PostgreSQL default. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksOnEmbeddedDatabaseTest extends TasksApiContract implements EmbeddedDatabaseProperties {
}

package org.portside.rest.tasks;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The task API over HTTP, on the in-memory driven adapters. */
@MicronautTest
class TasksApiInMemoryTest extends TasksApiContract {
}

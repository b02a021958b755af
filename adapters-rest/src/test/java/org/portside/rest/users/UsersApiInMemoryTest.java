package org.portside.rest.users;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The users & groups API over HTTP, on the in-memory driven adapters. */
@MicronautTest
class UsersApiInMemoryTest extends UsersApiContract {
}

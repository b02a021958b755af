package org.portside.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;
import org.portside.rest.users.UsersApiContract;

/** Every row and rule of the users API on the embedded PostgreSQL default. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersOnEmbeddedDatabaseTest extends UsersApiContract implements EmbeddedDatabaseProperties {
}

package org.portside.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;
import org.portside.rest.guids.GuidsApiContract;

/** Every row and rule of the guids API on the embedded PostgreSQL default. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuidsOnEmbeddedDatabaseTest extends GuidsApiContract implements EmbeddedDatabaseProperties {
}

package org.portside.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.portside.rest.guids.GuidsApiContract;

/** Every row and rule of the GUID API against PostgreSQL with the default in-process cache. */
@MicronautTest
class GuidsEndToEndTest extends GuidsApiContract {
}

package org.portside.rest.guids;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The GUID API over HTTP, on the in-memory driven adapters. */
@MicronautTest
class GuidsApiInMemoryTest extends GuidsApiContract {
}

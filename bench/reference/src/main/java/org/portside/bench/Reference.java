package org.portside.bench;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.runtime.Micronaut;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The trivial endpoint portside's fast paths are measured against: a GET with a path variable that
 * answers a small JSON object of the GUID response's shape, with no work behind it.
 */
@Controller
public class Reference {

    /** The shape of a GUID read's answer. */
    @Serdeable
    public record Answer(String guid, String expire, String user) {
    }

    public static void main(String[] args) {
        Micronaut.run(Reference.class, args);
    }

    @Get(uri = "/ping/{guid}", produces = MediaType.APPLICATION_JSON)
    public Answer ping(@PathVariable String guid) {
        return new Answer(guid, "4102444800", "Cylance, Inc.");
    }
}

package org.portside.rest.users;

import io.swagger.v3.oas.annotations.media.Schema;
import org.portside.domain.shared.Identifier;

/** A userid as the document publishes it (a named schema, so lists of userids carry its pattern and example). */
@Schema(name = "Userid", type = "string", pattern = Identifier.PATTERN, example = "jsmith")
final class Userid {
    private Userid() {
    }
}

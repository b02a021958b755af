package org.portside.rest.guids;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;

/** A GUID record as clients see it; {@code expire} is always a string of digits, as in the specification's examples. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
@Schema(name = "Guid", description = "A registered GUID.")
record GuidResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = Guid.PATTERN, example = "9094E4C980C74043A4B586B420E69DDF") String guid,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[0-9]+$", example = "4102444800",
                description = "when it expires: Unix time in seconds, as a string of digits") String expire,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Owner.MAX_LENGTH, example = "Cylance, Inc.") String user) {

    static GuidResponse of(GuidRecord record) {
        return new GuidResponse(record.guid().value(), Long.toString(record.expire().epochSecond()), record.owner().value());
    }
}

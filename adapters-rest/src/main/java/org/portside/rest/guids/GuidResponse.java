package org.portside.rest.guids;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.portside.domain.guids.GuidRecord;

/** A GUID record as clients see it; {@code expire} is always a string of digits, as in the spec's examples. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
@Schema(name = "Guid")
public record GuidResponse(
        @Schema(example = "9094E4C980C74043A4B586B420E69DDF", pattern = "^[0-9A-F]{32}$") String guid,
        @Schema(example = "1427736345", description = "Unix time in seconds, as a string of digits") String expire,
        @Schema(example = "Cylance, Inc.") String user) {

    static GuidResponse of(GuidRecord record) {
        return new GuidResponse(record.guid().value(), Long.toString(record.expire().epochSecond()), record.owner().value());
    }
}

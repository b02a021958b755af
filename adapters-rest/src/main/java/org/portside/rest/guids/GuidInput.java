package org.portside.rest.guids;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigInteger;
import java.util.Optional;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.Owner;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.Text;

/**
 * The body of {@code POST|PUT /guid}: the server picks the GUID, so the body may not name one.
 * Read by {@link org.portside.rest.shared.RequestBodies} against the schema generated from this type.
 */
@Serdeable
@Schema(name = "NewGuid", description = "A GUID to register; the server picks the GUID (to pick it yourself, use /guid/{guid}).",
        additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record GuidInput(
        @Schema(nullable = false, oneOf = {UnixSeconds.class, UnixSecondsText.class},
                description = "when the GUID expires, in Unix seconds (in the future); default now + 30 days") Optional<Object> expire,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Owner.MAX_LENGTH, pattern = Text.NON_BLANK,
                example = "Cylance, Inc.") String user) {

    /** The body at {@code /guid/{guid}}: every field optional; a GUID in it must equal the URL's. */
    @Serdeable
    @Schema(name = "GuidChange", description = "Creates the GUID (user required) or changes the fields given.",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record AtUrl(
            @Schema(nullable = false, pattern = Guid.PATTERN, description = "absent, or equal to the URL's GUID (a GUID never changes)",
                    example = "9094E4C980C74043A4B586B420E69DDF") Optional<String> guid,
            @Schema(nullable = false, oneOf = {UnixSeconds.class, UnixSecondsText.class},
                    description = "when the GUID expires, in Unix seconds (in the future); default on creation now + 30 days") Optional<Object> expire,
            @Schema(nullable = false, maxLength = Owner.MAX_LENGTH, pattern = Text.NON_BLANK,
                    description = "required when the GUID is created", example = "Cylance, Inc.") Optional<String> user) {
    }

    /** {@code expire} as a JSON integer. */
    @Schema(name = "UnixSeconds", type = "integer", format = "int64", minimum = "0", maximum = "" + Expiry.MAX, example = "4102444800")
    static final class UnixSeconds {
        private UnixSeconds() {
        }
    }

    /** {@code expire} as a string of digits, as the specification's examples write it. */
    @Schema(name = "UnixSecondsText", type = "string", pattern = "^[0-9]+$", example = "4102444800")
    static final class UnixSecondsText {
        private UnixSecondsText() {
        }
    }

    /** The expiry a bound {@code expire} names: a whole number the schema admitted, as a number or as digits. */
    static Expiry expiry(Object value) {
        BigInteger seconds = value instanceof String digits ? new BigInteger(digits) : new BigInteger(value.toString());
        if (seconds.compareTo(BigInteger.valueOf(Expiry.MAX)) > 0) {
            throw Invalid.field("expire", "must not be after 9999-12-31T23:59:59Z (" + Expiry.MAX + ")");
        }
        return new Expiry(seconds.longValueExact());
    }
}

package org.portside.rest.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 * {@code errors} names each field at fault: {@code pointer} (a JSON Pointer into the request body)
 * or {@code parameter} (a path or query parameter).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An RFC 9457 problem detail: the body of every error response (application/problem+json).")
public record Problem(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "a stable URN per kind of failure, or about:blank",
                example = "urn:portside:problem:invalid-body") String type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Bad Request") String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "400") int status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "first_name must be of type string, not integer") String detail,
        @ArraySchema(arraySchema = @Schema(description = "one entry per field at fault, when fields are to blame"))
        @Schema(nullable = false) @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FieldError", description = "One field at fault: exactly one of pointer (into the body) and parameter (in the URL), and what is wrong.",
            minProperties = 2, maxProperties = 2, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record FieldError(
            @Schema(nullable = false, description = "a JSON Pointer into the request body, as the client spelled it", example = "/first_name") @Nullable String pointer,
            @Schema(nullable = false, description = "a path or query parameter", example = "userid") @Nullable String parameter,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "must be of type string, not integer") String detail) {

        public static FieldError pointer(String pointer, String detail) {
            return new FieldError(pointer, null, detail);
        }

        public static FieldError parameter(String name, String detail) {
            return new FieldError(null, name, detail);
        }
    }
}

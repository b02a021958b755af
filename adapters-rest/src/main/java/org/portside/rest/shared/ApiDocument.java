package org.portside.rest.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.i18n.ResourceBundleMessageSource;
import com.networknt.schema.oas.OpenApi30;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI document portside publishes at {@code /openapi.yml} (generated at compile time from
 * the controllers and request types), read once. Request bodies are validated against the very
 * schema each operation publishes, so what the document says is what the service accepts.
 */
@Singleton
public final class ApiDocument {

    /** Where micronaut-openapi writes the document; served as is by {@code ApiDocsController}. */
    static final String RESOURCE = "META-INF/swagger/portside.yml";

    private final Map<String, JsonSchema> requestSchemas = new HashMap<>();

    ApiDocument() {
        JsonNode document = read();
        // The document's own keywords are not schema keywords; say so, so the validator neither
        // warns about them nor treats them as rules.
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi30.getInstance())
                .keyword(new NonValidationKeyword("openapi"))
                .keyword(new NonValidationKeyword("info"))
                .keyword(new NonValidationKeyword("paths"))
                .keyword(new NonValidationKeyword("components"))
                .keyword(new NonValidationKeyword("tags"))
                .keyword(new NonValidationKeyword("security"))
                .keyword(new NonValidationKeyword("servers"))
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri()));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .failFast(false)
                .messageSource(new ResourceBundleMessageSource("schema-messages", "jsv-messages"))
                .build();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {

            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {

                String operationId = operation.getValue().path("operationId").asText(null);
                if (operationId == null || operation.getValue().path("requestBody").path("content").path("application/json").isMissingNode()) {
                    continue;
                }
                String pointer = "/paths/" + escape(path.getKey()) + "/" + operation.getKey()
                        + "/requestBody/content/application~1json/schema";
                requestSchemas.put(operationId, factory.getSchema(
                        SchemaLocation.of("classpath:" + RESOURCE + "#" + pointer.replace("{", "%7B").replace("}", "%7D")), config));
            }
        }
    }

    /** The schema of an operation's JSON request body, as published. */
    Optional<JsonSchema> requestSchema(String operationId) {
        return Optional.ofNullable(requestSchemas.get(operationId));
    }

    private static JsonNode read() {
        try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: the OpenAPI document is generated at compile time");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}

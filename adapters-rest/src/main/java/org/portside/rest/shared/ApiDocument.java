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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    /** "METHOD /path/{template}" to the bearer scopes the operation publishes (any one admits). */
    private final Map<String, List<String>> scopes = new HashMap<>();

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

                List<String> published = new ArrayList<>();
                operation.getValue().path("security").forEach(requirement ->
                        requirement.path(Scopes.BEARER).forEach(scope -> published.add(scope.asText())));
                scopes.put(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), List.copyOf(published));
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

    /**
     * The scopes an operation publishes (any one admits the caller), by HTTP method and path template
     * as the document writes it; empty if the document has no such operation.
     */
    Optional<List<String>> scopes(String method, String pathTemplate) {
        return Optional.ofNullable(scopes.get(method + " " + pathTemplate));
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

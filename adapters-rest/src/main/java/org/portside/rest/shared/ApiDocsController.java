package org.portside.rest.shared;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Serves the OpenAPI 3 document that micronaut-openapi generates from the controllers at compile
 * time, under a stable URL. Swagger UI (also generated) is mapped to {@code /swagger-ui}.
 */
@OpenAPIDefinition(info = @Info(title = "portside", version = "0.1",
        description = "Users & groups, GUID registry and task scheduler. Errors are application/problem+json (RFC 9457).",
        license = @License(name = "proprietary")))
@SecurityScheme(name = Scopes.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An OAuth 2.0 bearer token (a JWT) whose scope claim grants what each operation lists; "
                + "not needed while portside runs without a key (protected mode)")
@Controller
@Hidden
final class ApiDocsController {

    static final String SPEC = "classpath:META-INF/swagger/portside.yml";
    static final String UI = "classpath:META-INF/swagger/views/swagger-ui/index.html";

    private final ResourceResolver resources;

    ApiDocsController(ResourceResolver resources) {
        this.resources = resources;
    }

    @Get(uri = "/openapi.yml", produces = "application/yaml")
    HttpResponse<StreamedFile> openApi() {
        return resources.getResource(SPEC)
                .map(url -> HttpResponse.ok(new StreamedFile(url)).contentType("application/yaml"))
                .orElseGet(HttpResponse::notFound);
    }

    @Get(uri = "/swagger-ui", produces = "text/html")
    HttpResponse<StreamedFile> swaggerUi() {
        return resources.getResource(UI)
                .map(url -> HttpResponse.ok(new StreamedFile(url)).contentType("text/html"))
                .orElseGet(HttpResponse::notFound);
    }
}

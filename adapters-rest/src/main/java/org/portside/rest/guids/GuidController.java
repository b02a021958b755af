package org.portside.rest.guids;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.portside.application.guids.port.in.ReadGuid;
import org.portside.application.guids.port.in.RegisterGuid;
import org.portside.application.guids.port.in.RemoveGuid;
import org.portside.application.guids.port.in.UpsertGuid;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.guids.Owner;
import org.portside.rest.shared.BodyFields;
import org.portside.rest.shared.IdempotencyKeys;
import org.portside.rest.shared.Params;
import org.portside.rest.shared.Problem;
import org.portside.rest.shared.ProblemExamples;
import org.portside.rest.shared.Problems;
import org.portside.rest.shared.RequestBodies;
import org.portside.rest.shared.Scopes;
import org.portside.rest.shared.WorkPools;

/**
 * The GUID registry. Fully non-blocking: handlers run on the event loop and only compose the use
 * cases' stages; database work happens on the application's bounded executor, Redis is async.
 */
@Controller("/guid")
@Tag(name = "guids")
final class GuidController {

    private final RegisterGuid register;
    private final UpsertGuid upsert;
    private final ReadGuid read;
    private final RemoveGuid remove;
    private final RequestBodies bodies;
    private final IdempotencyKeys keys;
    private final Executor databaseWork;

    GuidController(RegisterGuid register, UpsertGuid upsert, ReadGuid read, RemoveGuid remove, RequestBodies bodies,
                   IdempotencyKeys keys, @Named(WorkPools.DATABASE) Executor databaseWork) {
        this.register = register;
        this.keys = keys;
        this.databaseWork = databaseWork;
        this.upsert = upsert;
        this.read = read;
        this.remove = remove;
        this.bodies = bodies;
    }

    @Post(consumes = MediaType.ALL)
    @Operation(operationId = "registerGuid", summary = "Register a new GUID chosen by the server")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.GUIDS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidInput.class)))
    @ApiResponse(responseCode = "201", description = "created", headers = @Header(name = "Location", description = "the GUID's URL", schema = @Schema(type = "string")), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid body (a GUID in it, too: the server picks it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use: a request with this Idempotency-Key is still being processed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.KEY_IN_USE)))
    @ApiResponse(responseCode = "422", description = "the Idempotency-Key was used before with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.KEY_REUSED)))
    CompletionStage<HttpResponse<?>> create(@Parameter(hidden = true) HttpRequest<?> request, @Body @Nullable @Parameter(hidden = true) String body,
                                            @io.micronaut.http.annotation.Header(IdempotencyKeys.HEADER) @Nullable @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER, description = IdempotencyKeys.DESCRIPTION, schema = @Schema(type = "string", maxLength = IdempotencyKeys.MAX_LENGTH)) String idempotencyKey) {
        return create0(request, body, idempotencyKey, "registerGuid");
    }

    @Put(consumes = MediaType.ALL)
    @Operation(operationId = "registerGuidWithPut", summary = "Register a new GUID chosen by the server (the same as POST /guid)")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.GUIDS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidInput.class)))
    @ApiResponse(responseCode = "201", description = "created", headers = @Header(name = "Location", description = "the GUID's URL", schema = @Schema(type = "string")), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid body (a GUID in it, too: the server picks it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use: a request with this Idempotency-Key is still being processed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.KEY_IN_USE)))
    @ApiResponse(responseCode = "422", description = "the Idempotency-Key was used before with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.KEY_REUSED)))
    CompletionStage<HttpResponse<?>> createWithPut(@Parameter(hidden = true) HttpRequest<?> request, @Body @Nullable @Parameter(hidden = true) String body,
                                                   @io.micronaut.http.annotation.Header(IdempotencyKeys.HEADER) @Nullable @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER, description = IdempotencyKeys.DESCRIPTION, schema = @Schema(type = "string", maxLength = IdempotencyKeys.MAX_LENGTH)) String idempotencyKey) {
        return create0(request, body, idempotencyKey, "registerGuidWithPut");
    }

    @Post(uri = "/{guid}", consumes = MediaType.ALL)
    @Operation(operationId = "upsertGuid", summary = "Create the GUID if absent or expired (201), else change the fields given (200)")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.GUIDS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidInput.AtUrl.class)))
    @ApiResponse(responseCode = "200", description = "updated", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "201", description = "created", headers = @Header(name = "Location", description = "the GUID's URL", schema = @Schema(type = "string")), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed GUID or body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    CompletionStage<HttpResponse<GuidResponse>> upsert(@PathVariable @Parameter(schema = @Schema(pattern = Guid.PATTERN), example = "9094E4C980C74043A4B586B420E69DDF") String guid, @Body @Nullable @Parameter(hidden = true) String body) {
        return upsert0(guid, body, "upsertGuid");
    }

    @Put(uri = "/{guid}", consumes = MediaType.ALL)
    @Operation(operationId = "upsertGuidWithPut", summary = "Create the GUID if absent or expired (201), else change the fields given (200); the same as POST")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.GUIDS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidInput.AtUrl.class)))
    @ApiResponse(responseCode = "200", description = "updated", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "201", description = "created", headers = @Header(name = "Location", description = "the GUID's URL", schema = @Schema(type = "string")), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed GUID or body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    CompletionStage<HttpResponse<GuidResponse>> upsertWithPut(@PathVariable @Parameter(schema = @Schema(pattern = Guid.PATTERN), example = "9094E4C980C74043A4B586B420E69DDF") String guid, @Body @Nullable @Parameter(hidden = true) String body) {
        return upsert0(guid, body, "upsertGuidWithPut");
    }

    @Get("/{guid}")
    @Operation(operationId = "getGuid", summary = "Read a GUID")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.GUIDS_READ, Scopes.GUIDS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "200", description = "the record", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed GUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "unknown or expired", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    CompletionStage<HttpResponse<GuidResponse>> get(@PathVariable @Parameter(schema = @Schema(pattern = Guid.PATTERN), example = "9094E4C980C74043A4B586B420E69DDF") String guid) {
        return Problems.refusalsAnswered(read.read(guid(guid)).thenApply(found -> HttpResponse.ok(GuidResponse.of(found))));
    }

    @Delete(uri = "/{guid}", consumes = MediaType.ALL)
    @Operation(operationId = "removeGuid", summary = "Delete a GUID")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.GUIDS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "400", description = "malformed GUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "unknown or expired", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    CompletionStage<HttpResponse<Void>> delete(@PathVariable @Parameter(schema = @Schema(pattern = Guid.PATTERN), example = "9094E4C980C74043A4B586B420E69DDF") String guid) {
        return Problems.refusalsAnswered(remove.remove(guid(guid)).thenApply(done -> HttpResponse.noContent()));
    }

    /**
     * Without a key, fully asynchronous; with one, the key's look-up, the insert and the answer's record
     * run together on the database work pool, in one transaction.
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // HttpResponse<GuidResponse> or, replayed, HttpResponse<String>
    private CompletionStage<HttpResponse<?>> create0(HttpRequest<?> request, String body, String idempotencyKey, String operationId) {
        if (idempotencyKey == null) {
            return (CompletionStage) Problems.refusalsAnswered(register.register(command(body, operationId)).thenApply(GuidController::created));
        }
        IdempotencyKeys.key(idempotencyKey); // a malformed key is a 400 before any work
        CompletionStage answered = CompletableFuture.supplyAsync(() -> keys.once(request, "POST /guid", idempotencyKey, body,
                () -> created(register.registerNow(command(body, operationId)))), databaseWork);
        return (CompletionStage) Problems.refusalsAnswered(answered);
    }

    private RegisterGuid.Command command(String body, String operationId) {
        GuidInput input = bodies.read(body, operationId, GuidInput.class).value();
        BodyFields fields = new BodyFields();
        Optional<Expiry> expire = input.expire().map(e -> fields.at("/expire", () -> GuidInput.expiry(e)));
        Owner owner = fields.at("/user", () -> new Owner(input.user()));
        fields.finish();
        return new RegisterGuid.Command(expire, owner);
    }

    private CompletionStage<HttpResponse<GuidResponse>> upsert0(String rawGuid, String body, String operationId) {
        Guid guid = guid(rawGuid);
        GuidInput.AtUrl input = bodies.read(body, operationId, GuidInput.AtUrl.class).value();
        BodyFields fields = new BodyFields();
        if (input.guid().isPresent() && !input.guid().get().equals(guid.value())) {
            fields.error("/guid", "must be absent or equal to the GUID in the URL (" + guid + "); a GUID never changes");
        }
        Optional<Expiry> expire = input.expire().map(e -> fields.at("/expire", () -> GuidInput.expiry(e)));
        Optional<Owner> owner = input.user().map(u -> fields.at("/user", () -> new Owner(u)));
        fields.finish();
        return Problems.refusalsAnswered(upsert.upsert(new UpsertGuid.Command(guid, expire, owner))
                .thenApply(result -> result.outcome() == UpsertGuid.Outcome.CREATED
                        ? created(result.record())
                        : HttpResponse.ok(GuidResponse.of(result.record()))));
    }

    private static Guid guid(String raw) {
        return Params.parse("guid", raw, Guid::new);
    }

    private static HttpResponse<GuidResponse> created(GuidRecord record) {
        return HttpResponse.created(GuidResponse.of(record), URI.create("/guid/" + record.guid().value()));
    }
}

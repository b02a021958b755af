package org.portside.rest.guids;

import io.micronaut.core.annotation.Nullable;
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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.portside.application.guids.port.in.ReadGuid;
import org.portside.application.guids.port.in.RegisterGuid;
import org.portside.application.guids.port.in.RemoveGuid;
import org.portside.application.guids.port.in.UpsertGuid;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;
import org.portside.domain.shared.Invalid;
import org.portside.rest.shared.Params;
import org.portside.rest.shared.Problem;

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
    private final GuidBodies bodies;

    GuidController(RegisterGuid register, UpsertGuid upsert, ReadGuid read, RemoveGuid remove, GuidBodies bodies) {
        this.register = register;
        this.upsert = upsert;
        this.read = read;
        this.remove = remove;
        this.bodies = bodies;
    }

    @Post(consumes = MediaType.ALL)
    @Operation(summary = "Register a new GUID chosen by the server")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidRequest.class)))
    @ApiResponse(responseCode = "201", description = "created; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid body (also: a guid in the body)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    CompletionStage<HttpResponse<GuidResponse>> create(@Body @Nullable String body) {
        return create0(body);
    }

    @Put(consumes = MediaType.ALL)
    @Operation(summary = "Register a new GUID chosen by the server (same as POST)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidRequest.class)))
    @ApiResponse(responseCode = "201", description = "created; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    CompletionStage<HttpResponse<GuidResponse>> createWithPut(@Body @Nullable String body) {
        return create0(body);
    }

    @Post(uri = "/{guid}", consumes = MediaType.ALL)
    @Operation(summary = "Create the GUID if absent or expired (201), else change the fields given (200)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidRequest.class)))
    @ApiResponse(responseCode = "200", description = "updated", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "201", description = "created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed GUID or body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    CompletionStage<HttpResponse<GuidResponse>> upsert(@PathVariable String guid, @Body @Nullable String body) {
        return upsert0(guid, body);
    }

    @Put(uri = "/{guid}", consumes = MediaType.ALL)
    @Operation(summary = "Create the GUID if absent or expired (201), else change the fields given (200)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidRequest.class)))
    @ApiResponse(responseCode = "200", description = "updated", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "201", description = "created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed GUID or body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    CompletionStage<HttpResponse<GuidResponse>> upsertWithPut(@PathVariable String guid, @Body @Nullable String body) {
        return upsert0(guid, body);
    }

    @Get("/{guid}")
    @Operation(summary = "Read a GUID")
    @ApiResponse(responseCode = "200", description = "the record", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuidResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed GUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "unknown or expired", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    CompletionStage<GuidResponse> get(@PathVariable String guid) {
        return read.read(guid(guid)).thenApply(GuidResponse::of);
    }

    @Delete(uri = "/{guid}", consumes = MediaType.ALL)
    @Operation(summary = "Delete a GUID")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "400", description = "malformed GUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "unknown or expired", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    CompletionStage<HttpResponse<Void>> delete(@PathVariable String guid) {
        return remove.remove(guid(guid)).thenApply(done -> HttpResponse.noContent());
    }

    private CompletionStage<HttpResponse<GuidResponse>> create0(String body) {
        GuidBodies.Fields fields = bodies.read(body, Optional.empty());
        if (fields.owner().isEmpty()) {
            return CompletableFuture.failedFuture(Invalid.field("user", "is required"));
        }
        return register.register(new RegisterGuid.Command(fields.expire(), fields.owner().get())).thenApply(GuidController::created);
    }

    private CompletionStage<HttpResponse<GuidResponse>> upsert0(String rawGuid, String body) {
        Guid guid = guid(rawGuid);
        GuidBodies.Fields fields = bodies.read(body, Optional.of(guid));
        return upsert.upsert(new UpsertGuid.Command(guid, fields.expire(), fields.owner()))
                .thenApply(result -> result.outcome() == UpsertGuid.Outcome.CREATED
                        ? created(result.record())
                        : HttpResponse.ok(GuidResponse.of(result.record())));
    }

    private static Guid guid(String raw) {
        return Params.parse("guid", raw, Guid::new);
    }

    private static HttpResponse<GuidResponse> created(GuidRecord record) {
        return HttpResponse.created(GuidResponse.of(record), URI.create("/guid/" + record.guid().value()));
    }
}

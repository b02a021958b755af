package org.portside.rest.users;

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
import io.micronaut.scheduling.annotation.ExecuteOn;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.portside.application.users.port.in.GetUser;
import org.portside.application.users.port.in.RegisterUser;
import org.portside.application.users.port.in.RemoveUser;
import org.portside.application.users.port.in.ReplaceUser;
import org.portside.domain.shared.Identifier;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;
import org.portside.rest.shared.IdempotencyKeys;
import org.portside.rest.shared.Params;
import org.portside.rest.shared.Problem;
import org.portside.rest.shared.Problems;
import org.portside.rest.shared.ProblemExamples;
import org.portside.rest.shared.RequestBodies;
import org.portside.rest.shared.Scopes;
import org.portside.rest.shared.WorkPools;

/**
 * User records. JDBC work is blocking, so replacements and deletions run off the event loop, on the
 * database pool; a read or a registration only queues its work there (reads that wait together share
 * one statement, and so do registrations) and is answered when the statement returns. A registration
 * with an Idempotency-Key runs on the pool, with its key, in a transaction of its own.
 */
@Controller("/users")
@Tag(name = "users")
final class UserController {

    private final RegisterUser register;
    private final GetUser get;
    private final ReplaceUser replace;
    private final RemoveUser remove;
    private final RequestBodies bodies;
    private final IdempotencyKeys keys;
    private final Executor databaseWork;

    UserController(RegisterUser register, GetUser get, ReplaceUser replace, RemoveUser remove, RequestBodies bodies, IdempotencyKeys keys,
                   @Named(WorkPools.DATABASE) Executor databaseWork) {
        this.keys = keys;
        this.databaseWork = databaseWork;
        this.register = register;
        this.get = get;
        this.replace = replace;
        this.remove = remove;
        this.bodies = bodies;
    }

    @Get("/{userid}")
    @Operation(operationId = "getUser", summary = "Read a user")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.USERS_READ, Scopes.USERS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "200", description = "the user", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed userid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    CompletionStage<HttpResponse<UserResponse>> read(@PathVariable @Parameter(schema = @Schema(pattern = Identifier.PATTERN), example = "jsmith") String userid) {
        return Problems.refusalsAnswered(get.read(userid(userid)).thenApply(user -> HttpResponse.ok(UserResponse.of(user))));
    }

    @Post(consumes = MediaType.ALL)
    @Operation(operationId = "registerUser", summary = "Create a user (userid in the body)")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.USERS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserInput.class)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "201", description = "created", headers = @Header(name = "Location", description = "the user's URL", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "409", description = "the userid is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S409)))
    @ApiResponse(responseCode = "422", description = "the Idempotency-Key was used before with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.KEY_REUSED)))
    @SuppressWarnings({"unchecked", "rawtypes"}) // HttpResponse<UserResponse> or, replayed, HttpResponse<String>
    CompletionStage<HttpResponse<?>> create(@Parameter(hidden = true) HttpRequest<?> request, @Body @Nullable @Parameter(hidden = true) String body,
                                            @io.micronaut.http.annotation.Header(IdempotencyKeys.HEADER) @Nullable @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER, description = IdempotencyKeys.DESCRIPTION, schema = @Schema(type = "string", maxLength = IdempotencyKeys.MAX_LENGTH)) String idempotencyKey) {
        if (idempotencyKey == null) {
            return (CompletionStage) Problems.refusalsAnswered(register.submit(registration(body)).thenApply(UserController::created));
        }
        IdempotencyKeys.key(idempotencyKey); // a malformed key is a 400 before any work
        CompletionStage answered = CompletableFuture.supplyAsync(() -> keys.once(request, "POST /users", idempotencyKey, body,
                () -> created(register.register(registration(body)))), databaseWork);
        return (CompletionStage) Problems.refusalsAnswered(answered);
    }

    @Post(uri = "/{userid}", consumes = MediaType.ALL)
    @Operation(operationId = "registerUserAt", summary = "Create a user at its URL (a userid in the body must equal the URL's)")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.USERS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserInput.AtUrl.class)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "201", description = "created", headers = @Header(name = "Location", description = "the user's URL", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed userid, invalid body, or body/URL userid mismatch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "409", description = "the userid is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S409)))
    CompletionStage<HttpResponse<UserResponse>> createAt(@PathVariable @Parameter(schema = @Schema(pattern = Identifier.PATTERN), example = "jsmith") String userid,
                                                         @Body @Nullable @Parameter(hidden = true) String body) {
        UserId id = userid(userid);
        User user = bodies.read(body, "registerUserAt", UserInput.AtUrl.class).value().toUser(id);
        return Problems.refusalsAnswered(register.submit(user).thenApply(UserController::created));
    }

    @Put(uri = "/{userid}", consumes = MediaType.ALL)
    @ExecuteOn(WorkPools.DATABASE)
    @Operation(operationId = "replaceUser", summary = "Replace a user's whole record (omitted groups means none); the userid cannot change")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.USERS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserInput.AtUrl.class)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "200", description = "the new record", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed userid, invalid body, or body/URL userid mismatch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    UserResponse update(@PathVariable @Parameter(schema = @Schema(pattern = Identifier.PATTERN), example = "jsmith") String userid,
                        @Body @Nullable @Parameter(hidden = true) String body) {
        UserId id = userid(userid);
        return UserResponse.of(replace.replace(bodies.read(body, "replaceUser", UserInput.AtUrl.class).value().toUser(id)));
    }

    @Delete(uri = "/{userid}", consumes = MediaType.ALL)
    @ExecuteOn(WorkPools.DATABASE)
    @Operation(operationId = "removeUser", summary = "Delete a user; it leaves every group")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.USERS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "400", description = "malformed userid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    HttpResponse<Void> delete(@PathVariable @Parameter(schema = @Schema(pattern = Identifier.PATTERN), example = "jsmith") String userid) {
        remove.remove(userid(userid));
        return HttpResponse.noContent();
    }

    private User registration(String body) {
        return bodies.read(body, "registerUser", UserInput.class).value().toUser();
    }

    private static UserId userid(String raw) {
        return Params.parse("userid", raw, UserId::new);
    }

    private static HttpResponse<UserResponse> created(User user) {
        return HttpResponse.created(UserResponse.of(user), URI.create("/users/" + user.userid().value()));
    }
}

package org.portside.rest.users;

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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Optional;
import org.portside.application.users.port.in.GetUser;
import org.portside.application.users.port.in.RegisterUser;
import org.portside.application.users.port.in.RemoveUser;
import org.portside.application.users.port.in.ReplaceUser;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;
import org.portside.rest.shared.Params;
import org.portside.rest.shared.Problem;

/** User records. JDBC work is blocking, so requests run off the event loop. */
@Controller("/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
final class UserController {

    private final RegisterUser register;
    private final GetUser get;
    private final ReplaceUser replace;
    private final RemoveUser remove;
    private final UserBodies bodies;

    UserController(RegisterUser register, GetUser get, ReplaceUser replace, RemoveUser remove, UserBodies bodies) {
        this.register = register;
        this.get = get;
        this.replace = replace;
        this.remove = remove;
        this.bodies = bodies;
    }

    @Get("/{userid}")
    @Operation(summary = "Read a user")
    @ApiResponse(responseCode = "200", description = "the user")
    @ApiResponse(responseCode = "400", description = "malformed userid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    UserResponse read(@PathVariable String userid) {
        return UserResponse.of(get.get(userid(userid)));
    }

    @Post(consumes = MediaType.ALL)
    @Operation(summary = "Create a user (userid in the body)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserRequest.class)))
    @ApiResponse(responseCode = "201", description = "created; Location names it")
    @ApiResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "the userid is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<UserResponse> create(@Body @Nullable String body) {
        return created(register.register(bodies.read(body, Optional.empty())));
    }

    @Post(uri = "/{userid}", consumes = MediaType.ALL)
    @Operation(summary = "Create a user at its URL (a userid in the body must equal the URL's)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserRequest.class)))
    @ApiResponse(responseCode = "201", description = "created; Location names it")
    @ApiResponse(responseCode = "400", description = "malformed userid, invalid body, or body/URL userid mismatch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "the userid is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<UserResponse> createAt(@PathVariable String userid, @Body @Nullable String body) {
        UserId id = userid(userid);
        return created(register.register(bodies.read(body, Optional.of(id))));
    }

    @Put(uri = "/{userid}", consumes = MediaType.ALL)
    @Operation(summary = "Replace a user's whole record (omitted groups means none); the userid cannot change")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserRequest.class)))
    @ApiResponse(responseCode = "200", description = "the new record")
    @ApiResponse(responseCode = "400", description = "malformed userid, invalid body, or body/URL userid mismatch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    UserResponse update(@PathVariable String userid, @Body @Nullable String body) {
        UserId id = userid(userid);
        return UserResponse.of(replace.replace(bodies.read(body, Optional.of(id))));
    }

    @Delete(uri = "/{userid}", consumes = MediaType.ALL)
    @Operation(summary = "Delete a user; it leaves every group")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "400", description = "malformed userid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<Void> delete(@PathVariable String userid) {
        remove.remove(userid(userid));
        return HttpResponse.noContent();
    }

    private static UserId userid(String raw) {
        return Params.parse("userid", raw, UserId::new);
    }

    private static HttpResponse<UserResponse> created(User user) {
        return HttpResponse.created(UserResponse.of(user), URI.create("/users/" + user.userid().value()));
    }
}

package org.portside.rest.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
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
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.portside.application.users.port.in.CreateGroup;
import org.portside.application.users.port.in.GetGroup;
import org.portside.application.users.port.in.RemoveGroup;
import org.portside.application.users.port.in.ReplaceGroupMembers;
import org.portside.domain.shared.Identifier;
import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.UserId;
import org.portside.rest.shared.BadRequest;
import org.portside.rest.shared.BodyFields;
import org.portside.rest.shared.IdempotencyKeys;
import org.portside.rest.shared.Params;
import org.portside.rest.shared.Problem;
import org.portside.rest.shared.ProblemExamples;
import org.portside.rest.shared.RequestBodies;
import org.portside.rest.shared.Scopes;
import org.portside.rest.shared.WorkPools;

/** Groups and their members. JDBC work is blocking, so requests run off the event loop. */
@Controller("/groups")
@ExecuteOn(WorkPools.DATABASE)
@Tag(name = "groups")
final class GroupController {

    private final CreateGroup create;
    private final GetGroup get;
    private final ReplaceGroupMembers replace;
    private final RemoveGroup remove;
    private final RequestBodies bodies;
    private final IdempotencyKeys keys;

    GroupController(CreateGroup create, GetGroup get, ReplaceGroupMembers replace, RemoveGroup remove, RequestBodies bodies, IdempotencyKeys keys) {
        this.keys = keys;
        this.create = create;
        this.get = get;
        this.replace = replace;
        this.remove = remove;
        this.bodies = bodies;
    }

    @Get("/{name}")
    @Operation(operationId = "listGroupMembers", summary = "List a group's members: a bare, sorted list of userids ([] for an empty group)")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.USERS_READ, Scopes.USERS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "200", description = "the members", content = @Content(mediaType = MediaType.APPLICATION_JSON, array = @ArraySchema(uniqueItems = true, schema = @Schema(implementation = Userid.class))))
    @ApiResponse(responseCode = "400", description = "malformed group name", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such group", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    List<String> members(@PathVariable @Parameter(schema = @Schema(pattern = Identifier.PATTERN), example = "admins") String name) {
        return GroupResponse.members(get.get(groupName(name)));
    }

    @Post(consumes = MediaType.ALL)
    @Operation(operationId = "createGroup", summary = "Create an empty group named in the body")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.USERS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupRequest.class)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "201", description = "created", headers = @Header(name = "Location", description = "the group's URL", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupResponse.class)))
    @ApiResponse(responseCode = "400", description = "missing, non-string or malformed name", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "409", description = "the group exists", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S409)))
    @ApiResponse(responseCode = "422", description = "the Idempotency-Key was used before with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.KEY_REUSED)))
    HttpResponse<?> create(@Parameter(hidden = true) HttpRequest<?> request, @Body @Nullable @Parameter(hidden = true) String body,
                           @io.micronaut.http.annotation.Header(IdempotencyKeys.HEADER) @Nullable @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER, description = IdempotencyKeys.DESCRIPTION, schema = @Schema(type = "string", maxLength = IdempotencyKeys.MAX_LENGTH)) String idempotencyKey) {
        return keys.once(request, "POST /groups", idempotencyKey, body, () -> {
            GroupRequest named = bodies.read(body, "createGroup", GroupRequest.class).value();
            BodyFields fields = new BodyFields();
            GroupName name = fields.at("/name", () -> new GroupName(named.name()));
            fields.finish();
            return created(create.create(name));
        });
    }

    @Post(uri = "/{name}", consumes = MediaType.ALL)
    @Operation(operationId = "createGroupAt", summary = "Create an empty group at its URL (no body needed; a body's name must equal the URL's)")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.USERS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupRequest.AtUrl.class)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "201", description = "created", headers = @Header(name = "Location", description = "the group's URL", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed name, or a body that disagrees with the URL", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "409", description = "the group exists", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S409)))
    HttpResponse<GroupResponse> createAt(@PathVariable @Parameter(schema = @Schema(pattern = Identifier.PATTERN), example = "admins") String name, @Body @Nullable @Parameter(hidden = true) String body) {
        GroupName groupName = groupName(name);
        if (body != null && !body.isBlank()) {
            GroupRequest.AtUrl request = bodies.read(body, "createGroupAt", GroupRequest.AtUrl.class).value();
            if (request.name().isPresent() && !request.name().get().equals(groupName.value())) {
                throw BadRequest.at("/name", "must be absent or equal to the name in the URL ('" + groupName + "')");
            }
        }
        return created(create.create(groupName));
    }

    @Put(uri = "/{name}", consumes = MediaType.ALL)
    @Operation(operationId = "replaceGroupMembers", summary = "Set a group's members to exactly this list of userids, all or nothing")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.USERS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, array = @ArraySchema(uniqueItems = true, schema = @Schema(implementation = Userid.class))))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "200", description = "the new member list, sorted", content = @Content(mediaType = MediaType.APPLICATION_JSON, array = @ArraySchema(uniqueItems = true, schema = @Schema(implementation = Userid.class))))
    @ApiResponse(responseCode = "400", description = "not a list of unique userids, or unknown userids (all listed; nothing applied)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such group", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    List<String> replaceMembers(@PathVariable @Parameter(schema = @Schema(pattern = Identifier.PATTERN), example = "admins") String name, @Body @Nullable @Parameter(hidden = true) String body) {
        GroupName groupName = groupName(name);
        List<String> userids = bodies.read(body, "replaceGroupMembers", Argument.listOf(String.class)).value();
        BodyFields fields = new BodyFields();
        List<UserId> members = new ArrayList<>();
        for (int i = 0; i < userids.size(); i++) {
            String userid = userids.get(i);
            members.add(fields.at("/" + i, () -> new UserId(userid)));
        }
        fields.finish();
        return GroupResponse.members(replace.replace(groupName, members));
    }

    @Delete(uri = "/{name}", consumes = MediaType.ALL)
    @Operation(operationId = "removeGroup", summary = "Delete a group; no user lists it afterwards")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.USERS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "400", description = "malformed group name", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such group", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    HttpResponse<Void> delete(@PathVariable @Parameter(schema = @Schema(pattern = Identifier.PATTERN), example = "admins") String name) {
        remove.remove(groupName(name));
        return HttpResponse.noContent();
    }

    private static GroupName groupName(String raw) {
        return Params.parse("name", raw, GroupName::new);
    }

    private static HttpResponse<GroupResponse> created(Group group) {
        return HttpResponse.created(GroupResponse.of(group), URI.create("/groups/" + group.name().value()));
    }
}

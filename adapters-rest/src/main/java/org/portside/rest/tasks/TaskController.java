package org.portside.rest.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.domain.shared.NotFound;
import org.portside.domain.shared.Text;
import org.portside.domain.tasks.Failure;
import org.portside.domain.tasks.Lease;
import org.portside.domain.tasks.LeaseToken;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Retries;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskChanges;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;
import org.portside.rest.shared.BadRequest;
import org.portside.rest.shared.BodyFields;
import org.portside.rest.shared.Details;
import org.portside.rest.shared.Forbidden;
import org.portside.rest.shared.IdempotencyKeys;
import org.portside.rest.shared.Params;
import org.portside.rest.shared.Problem;
import org.portside.rest.shared.ProblemExamples;
import org.portside.rest.shared.Problems;
import org.portside.rest.shared.RequestBodies;
import org.portside.rest.shared.Scopes;
import org.portside.rest.shared.WorkPools;

/**
 * The task scheduler at {@code /api/tasks} ({@link TaskAlias} serves the same routes at the
 * specification's singular {@code /api/task}). Every route that reads or writes runs on the database work pool
 * (JDBC), which answers 503 when its queue is full, but a lease holder's reports (heartbeat, complete, fail)
 * and a new task without an Idempotency-Key: those read their body on the event loop (a long one on the pool) and
 * are written with the reports, or the new tasks, waiting with them (see {@link #report} and {@link #create}).
 * When several errors apply, the first of 404, 400, 412, 409 answers: what a request says is read
 * in {@link #readFor}, which reports a bad request only once the task is known to exist; the use
 * cases then check the version (412) before the state (409).
 */
@Controller(TaskController.CANONICAL)
@Tag(name = "tasks", description = "The task scheduler. Every route is also served at the singular /api/task (the specification's "
        + "examples use it); Location always names /api/tasks.")
final class TaskController {

    static final String CANONICAL = "/api/tasks";

    private static final String P = Problem.MEDIA_TYPE;
    /** Bodies longer than this (in chars) are read on the database pool, not on the event loop. */
    private static final int READ_ON_EVENT_LOOP = 16 * 1024;
    private static final String LEASE_LOST = "lease-lost: that lease is not the task's current one (it expired, the task was handed "
            + "out again, or changed by hand); the task is left as it is and the worker should stop";

    private final TaskUseCases tasks;
    private final RequestBodies bodies;
    private final TaskJson json;
    private final int defaultLeaseSeconds;
    private final IdempotencyKeys keys;
    private final Executor databaseWork;

    TaskController(TaskUseCases tasks, RequestBodies bodies, TaskJson json, IdempotencyKeys keys,
                   @Value("${portside.tasks.lease-seconds:" + Lease.DEFAULT_SECONDS + "}") int defaultLeaseSeconds,
                   @Named(WorkPools.DATABASE) Executor databaseWork) {
        this.tasks = tasks;
        this.bodies = bodies;
        this.json = json;
        this.keys = keys;
        this.databaseWork = databaseWork;
        this.defaultLeaseSeconds = (int) Lease.duration(defaultLeaseSeconds).getSeconds(); // a bad setting fails the start
    }

    @ExecuteOn(WorkPools.DATABASE)
    @Get
    @Operation(operationId = "findTasks", summary = "List tasks by start, then id; filters combine; paged with a keyset cursor (Link: rel=\"next\")")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_READ, Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "200", description = "a bare list of tasks",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Link", description = "<…?after=…>; rel=\"next\" when there may be more", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, array = @ArraySchema(schema = @Schema(implementation = TaskResponse.class))))
    @ApiResponse(responseCode = "400", description = "a bad filter value", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    HttpResponse<List<TaskResponse>> list(@Parameter(hidden = true) HttpRequest<?> request,
            @QueryValue @Nullable @Parameter(description = "only this worker's tasks", schema = @Schema(maxLength = Worker.MAX_LENGTH, pattern = Text.NON_BLANK)) String worker,
            @QueryValue @Nullable @Parameter(description = "only tasks in this status", schema = @Schema(type = "string", allowableValues = {"SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED"})) String status,
            @QueryValue @Nullable @Parameter(description = "only tasks that start strictly after this", schema = @Schema(type = "string", format = "date-time")) String from,
            @QueryValue @Nullable @Parameter(description = "only tasks that start strictly before this", schema = @Schema(type = "string", format = "date-time")) String to,
            @QueryValue @Nullable @Parameter(description = "at most this many", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + FindTasks.MAX_LIMIT, defaultValue = "" + FindTasks.DEFAULT_LIMIT)) String limit,
            @QueryValue @Nullable @Parameter(description = "the cursor from a Link: rel=\"next\" header", schema = @Schema(type = "string")) String after) {
        FindTasks.Query query = new FindTasks.Query(
                Optional.ofNullable(worker).map(w -> Params.parse("worker", w, Worker::new)),
                Optional.ofNullable(status).map(s -> Params.parse("status", s, v -> TaskJson.status(v, "status"))),
                Optional.ofNullable(from).map(f -> Params.parse("from", f, v -> TaskJson.instant(v, "from"))),
                Optional.ofNullable(to).map(t -> Params.parse("to", t, v -> TaskJson.instant(v, "to"))),
                limit == null ? FindTasks.DEFAULT_LIMIT : Params.parse("limit", limit, TaskController::listLimit),
                Optional.ofNullable(after).map(a -> Params.parse("after", a, Cursors::decode)));
        FindTasks.Page page = tasks.find().find(query);
        MutableHttpResponse<List<TaskResponse>> response = HttpResponse.ok(page.tasks().stream().map(json::response).toList());
        page.next().ifPresent(next -> response.header(HttpHeaders.LINK, "<" + UriBuilder.of(request.getUri())
                .replaceQueryParam("after", Cursors.encode(next)).build() + ">; rel=\"next\""));
        return response;
    }

    @Post(consumes = MediaType.ALL)
    @Operation(operationId = "scheduleTask", summary = "Schedule a task (SCHEDULED); its start must be in the future")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskInput.class)))
    @ApiResponse(responseCode = "201", description = "scheduled",
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "the task's URL, always under /api/tasks", schema = @Schema(type = "string")),
                    @io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = "the task's version, for If-Match", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid body, or a start not in the future", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use: a request with this Idempotency-Key is still being processed", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.KEY_IN_USE)))
    @ApiResponse(responseCode = "422", description = "the Idempotency-Key was used before with another body", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.KEY_REUSED)))
    @SuppressWarnings({"unchecked", "rawtypes"}) // HttpResponse<TaskResponse> or, replayed, HttpResponse<String>
    CompletionStage<HttpResponse<?>> create(@Parameter(hidden = true) HttpRequest<?> request, @Body @Nullable @Parameter(hidden = true) String body,
                                            @io.micronaut.http.annotation.Header(IdempotencyKeys.HEADER) @Nullable @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER, description = IdempotencyKeys.DESCRIPTION, schema = @Schema(type = "string", maxLength = IdempotencyKeys.MAX_LENGTH)) String idempotencyKey) {
        if (idempotencyKey == null) {
            // without a key, tasks that wait for the database together are stored by one statement; a
            // long body (a payload may take up to a MiB) is read on the pool instead of the event loop
            Executor reader = body != null && body.length() > READ_ON_EVENT_LOOP ? databaseWork : Runnable::run;
            CompletionStage answered = CompletableFuture.supplyAsync(() -> schedule(body), reader)
                    .thenCompose(command -> tasks.schedule().submit(command)).thenApply(this::created);
            return (CompletionStage) Problems.refusalsAnswered(answered);
        }
        IdempotencyKeys.key(idempotencyKey); // a malformed key is a 400 before any work
        CompletionStage answered = CompletableFuture.supplyAsync(() -> keys.once(request, "POST " + CANONICAL, idempotencyKey, body,
                () -> created(tasks.schedule().schedule(schedule(body)))), databaseWork);
        return (CompletionStage) Problems.refusalsAnswered(answered);
    }

    private HttpResponse<TaskResponse> created(Task task) {
        return withEtag(HttpResponse.created(json.response(task), URI.create(CANONICAL + "/" + task.id())), task);
    }

    private org.portside.application.tasks.port.in.ScheduleTask.Command schedule(String body) {
        RequestBodies.Read<TaskInput> read = bodies.read(body, "scheduleTask", TaskInput.class);
        TaskInput input = read.value();
        BodyFields fields = new BodyFields();
        Instant start = fields.at("/start", () -> TaskJson.instant(input.start(), "start"));
        Optional<Title> title = Optional.ofNullable(input.title()).map(t -> fields.at("/title", () -> new Title(t)));
        Worker worker = fields.at("/worker", () -> new Worker(input.worker()));
        Payload payload = read.tree().has("payload")
                ? fields.at("/payload", () -> TaskJson.payload(read.tree().get("payload"), "payload")) : Payload.EMPTY;
        fields.finish();
        // the schema bounds both fields; the domain names the one at fault should they ever disagree
        Retries retries = new Retries(input.maxAttempts().orElse(Retries.DEFAULT_MAX_ATTEMPTS),
                input.backoffSeconds().orElse(Retries.DEFAULT_BACKOFF_SECONDS));
        return new org.portside.application.tasks.port.in.ScheduleTask.Command(start, title, worker, payload, retries);
    }

    @ExecuteOn(WorkPools.DATABASE)
    @Get("/{id}")
    @Operation(operationId = "getTask", summary = "Read a task")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_READ, Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "405", description = "the id is \"claim\", which takes POST only", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S405)))
    @ApiResponse(responseCode = "200", description = "the task", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = "the task's version, for If-Match", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskResponse.class)))
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    HttpResponse<TaskResponse> read(@PathVariable @Parameter(schema = @Schema(format = "uuid")) String id) {
        return ok(tasks.get().get(taskId(id)));
    }

    @ExecuteOn(WorkPools.DATABASE)
    @Get("/stats")
    @Operation(operationId = "taskStats", summary = "Counts by status and by worker, the oldest due start, and expired leases")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_READ, Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "200", description = "the counts, read at one moment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskStatsResponse.class)))
    TaskStatsResponse stats() {
        return TaskStatsResponse.of(tasks.stats().stats());
    }

    @ExecuteOn(WorkPools.DATABASE)
    @Get("/{id}/events")
    @Operation(operationId = "listTaskEvents", summary = "A task's history, oldest first; kept after the task is deleted, until pruned")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_READ, Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "200", description = "the events, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, array = @ArraySchema(schema = @Schema(implementation = TaskEventResponse.class))))
    @ApiResponse(responseCode = "404", description = "no such task, and no history of one", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    List<TaskEventResponse> events(@PathVariable @Parameter(schema = @Schema(format = "uuid")) String id) {
        return tasks.history().history(taskId(id)).stream().map(TaskEventResponse::of).toList();
    }

    @ExecuteOn(WorkPools.DATABASE)
    @Patch(uri = "/{id}", consumes = MediaType.ALL)
    @Operation(operationId = "changeTask", summary = "Change any of start, title, worker and status")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "405", description = "the id is \"claim\", which takes POST only", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S405)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskInput.Change.class)))
    @ApiResponse(responseCode = "200", description = "the whole task", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = "the task's new version", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid body or If-Match; a new start must be in the future", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    @ApiResponse(responseCode = "409", description = "a status change the lifecycle does not allow", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S409)))
    @ApiResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S412)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    HttpResponse<TaskResponse> patch(@PathVariable @Parameter(schema = @Schema(format = "uuid")) String id,
                                     @Body @Nullable @Parameter(hidden = true) String body,
                                     @Header(HttpHeaders.IF_MATCH) @Nullable @Parameter(in = ParameterIn.HEADER, description = "the ETag of the version to change (or `*` for any version)") String ifMatch) {
        TaskId taskId = taskId(id);
        Versioned<TaskChanges> change = readFor(taskId, ifMatch, () -> changes(bodies.read(body, "changeTask", TaskInput.Change.class)));
        return ok(tasks.patch().patch(taskId, change.value(), change.version()));
    }

    @ExecuteOn(WorkPools.DATABASE)
    @Delete(uri = "/{id}", consumes = MediaType.ALL)
    @Operation(operationId = "removeTask", summary = "Delete a task (not while RUNNING)")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "405", description = "the id is \"claim\", which takes POST only", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S405)))
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "400", description = "a malformed If-Match", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    @ApiResponse(responseCode = "409", description = "the task is RUNNING", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S409)))
    @ApiResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S412)))
    HttpResponse<Void> delete(@PathVariable @Parameter(schema = @Schema(format = "uuid")) String id,
                              @Header(HttpHeaders.IF_MATCH) @Nullable @Parameter(in = ParameterIn.HEADER, description = "the ETag of the version to delete (or `*` for any version)") String ifMatch) {
        TaskId taskId = taskId(id);
        Versioned<Void> request = readFor(taskId, ifMatch, () -> null);
        tasks.remove().remove(taskId, request.version());
        return HttpResponse.noContent();
    }

    @ExecuteOn(WorkPools.DATABASE)
    @Patch(uri = "/{id}/payload", consumes = MediaType.ALL)
    @Operation(operationId = "mergeTaskPayload", summary = "Add or replace first-level payload keys; the other keys are kept")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskInput.PayloadPatch.class)))
    @ApiResponse(responseCode = "200", description = "the whole task", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = "the task's new version", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskResponse.class)))
    @ApiResponse(responseCode = "400", description = "not a JSON object, the payload would exceed 256 KiB, or a malformed If-Match", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    @ApiResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S412)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    HttpResponse<TaskResponse> patchPayload(@PathVariable @Parameter(schema = @Schema(format = "uuid")) String id,
                                            @Body @Nullable @Parameter(hidden = true) String body,
                                            @Header(HttpHeaders.IF_MATCH) @Nullable @Parameter(in = ParameterIn.HEADER, description = "the ETag of the version to change (or `*` for any version)") String ifMatch) {
        TaskId taskId = taskId(id);
        Versioned<Payload> patch = readFor(taskId, ifMatch, () -> {
            JsonNode object = bodies.tree(body, "mergeTaskPayload");
            BodyFields fields = new BodyFields();
            Payload payload = fields.at("", () -> TaskJson.payload(object, "payload"));
            fields.finish();
            return payload;
        });
        return ok(tasks.mergePayload().mergePayload(taskId, patch.value(), patch.version()));
    }

    @ExecuteOn(WorkPools.DATABASE)
    @Delete(uri = "/{id}/payload/{key}", consumes = MediaType.ALL)
    @Operation(operationId = "removeTaskPayloadKey", summary = "Remove one first-level payload key")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @ApiResponse(responseCode = "200", description = "the whole task without that key", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = "the task's new version", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskResponse.class)))
    @ApiResponse(responseCode = "400", description = "a malformed If-Match", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such task, or no such key", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    @ApiResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S412)))
    HttpResponse<TaskResponse> deletePayloadKey(@PathVariable @Parameter(schema = @Schema(format = "uuid")) String id,
                                                @PathVariable @Parameter(example = "priority") String key,
                                                @Header(HttpHeaders.IF_MATCH) @Nullable @Parameter(in = ParameterIn.HEADER, description = "the ETag of the version to change (or `*` for any version)") String ifMatch) {
        TaskId taskId = taskId(id);
        Versioned<Void> request = readFor(taskId, ifMatch, () -> null);
        return ok(tasks.removePayloadKey().removePayloadKey(taskId, key, request.version()));
    }

    @ExecuteOn(WorkPools.DATABASE)
    @Post(uri = "/claim", consumes = MediaType.ALL)
    @Operation(operationId = "claimDueTasks", summary = "Hand out a worker's due tasks, earliest first, now RUNNING; never one task twice")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_WORK, Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskInput.Claim.class)))
    @ApiResponse(responseCode = "200", description = "the claimed tasks ([] when none is due)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, array = @ArraySchema(schema = @Schema(implementation = TaskResponse.class))))
    @ApiResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    CompletionStage<List<TaskResponse>> claim(@Body @Nullable @Parameter(hidden = true) String body,
                                              @Nullable @Parameter(hidden = true) Authentication caller) {
        TaskInput.Claim claim = bodies.read(body, "claimDueTasks", TaskInput.Claim.class).value();
        BodyFields fields = new BodyFields();
        Worker worker = fields.at("/worker", () -> new Worker(claim.worker()));
        fields.finish();
        actsFor(caller, worker);
        int limit = claim.limit().orElse(ClaimDueTasks.DEFAULT_LIMIT);
        int lease = claim.leaseSeconds().orElse(defaultLeaseSeconds);
        int wait = claim.waitSeconds().orElse(0);
        if (wait == 0) {
            return CompletableFuture.completedFuture(tasks.claim().claim(worker, limit, lease).stream().map(json::response).toList());
        }
        return tasks.await().claim(worker, limit, lease, wait).thenApply(claimed -> claimed.stream().map(json::response).toList());
    }

    @Post(uri = "/{id}/heartbeat", consumes = MediaType.ALL)
    @Operation(operationId = "heartbeatTask", summary = "The lease holder is still at work: extend its lease")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_WORK, Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskInput.Heartbeat.class)))
    @ApiResponse(responseCode = "200", description = "the task, its lease extended", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = "the task's new version", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    @ApiResponse(responseCode = "409", description = LEASE_LOST, content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.LEASE_LOST)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    CompletionStage<HttpResponse<TaskResponse>> heartbeat(@PathVariable @Parameter(schema = @Schema(format = "uuid")) String id,
                                                          @Body @Nullable @Parameter(hidden = true) String body,
                                                          @Nullable @Parameter(hidden = true) Authentication caller) {
        return report(id, caller, () -> bodies.read(body, "heartbeatTask", TaskInput.Heartbeat.class).value(),
                (taskId, beat) -> tasks.run().submitHeartbeat(taskId, new LeaseToken(beat.lease()),
                        beat.leaseSeconds().orElse(defaultLeaseSeconds)));
    }

    @Post(uri = "/{id}/complete", consumes = MediaType.ALL)
    @Operation(operationId = "completeTask", summary = "The lease holder finished the task: SUCCEEDED")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_WORK, Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskInput.Completion.class)))
    @ApiResponse(responseCode = "200", description = "the task, SUCCEEDED", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = "the task's new version", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    @ApiResponse(responseCode = "409", description = LEASE_LOST, content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.LEASE_LOST)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    CompletionStage<HttpResponse<TaskResponse>> complete(@PathVariable @Parameter(schema = @Schema(format = "uuid")) String id,
                                                         @Body @Nullable @Parameter(hidden = true) String body,
                                                         @Nullable @Parameter(hidden = true) Authentication caller) {
        return report(id, caller, () -> bodies.read(body, "completeTask", TaskInput.Completion.class).value(),
                (taskId, done) -> tasks.run().submitComplete(taskId, new LeaseToken(done.lease())));
    }

    @Post(uri = "/{id}/fail", consumes = MediaType.ALL)
    @Operation(operationId = "failTask", summary = "The lease holder's attempt failed: SCHEDULED again after the back-off while attempts are left, else FAILED")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @SecurityRequirement(name = Scopes.BEARER, scopes = {Scopes.TASKS_WORK, Scopes.TASKS_WRITE, Scopes.ADMIN})
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "414", ref = "#/components/responses/UriTooLong")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskInput.Failed.class)))
    @ApiResponse(responseCode = "200", description = "the task: SCHEDULED for its next attempt, or FAILED", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = "the task's new version", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid body (an error over 4 KiB, say)", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S400)))
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.S404)))
    @ApiResponse(responseCode = "409", description = LEASE_LOST, content = @Content(mediaType = P, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(value = ProblemExamples.LEASE_LOST)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/TooLarge")
    CompletionStage<HttpResponse<TaskResponse>> fail(@PathVariable @Parameter(schema = @Schema(format = "uuid")) String id,
                                                     @Body @Nullable @Parameter(hidden = true) String body,
                                                     @Nullable @Parameter(hidden = true) Authentication caller) {
        return report(id, caller, () -> {
            TaskInput.Failed failed = bodies.read(body, "failTask", TaskInput.Failed.class).value();
            BodyFields fields = new BodyFields();
            Optional<Failure> error = Optional.ofNullable(failed.error()).map(e -> fields.at("/error", () -> new Failure(e)));
            fields.finish();
            return new FailReport(failed, error);
        }, (taskId, report) -> tasks.run().submitFail(taskId, new LeaseToken(report.body().lease()), report.error(),
                report.body().retry().orElse(true)));
    }

    private record FailReport(TaskInput.Failed body, Optional<Failure> error) {
    }

    /**
     * A lease holder's report, without blocking the event loop: the body is read here and the use
     * case's non-blocking form does the rest (reports that wait for the database together share one
     * statement). Only what needs the task read first goes to the database pool before it: a bad body
     * (answered 404 if the task is unknown, see {@link #readFor}) and a worker-bound token (see
     * {@link #actsForTaskOf}).
     */
    private <T> CompletionStage<HttpResponse<TaskResponse>> report(String id, Authentication caller, Supplier<T> read,
                                                                    BiFunction<TaskId, T, CompletionStage<Task>> submit) {
        TaskId taskId = taskId(id);
        CompletionStage<T> input;
        try {
            T parsed = read.get();
            input = caller != null && Scopes.onlyWorker(caller).isPresent()
                    ? CompletableFuture.supplyAsync(() -> {
                        actsForTaskOf(caller, taskId);
                        return parsed;
                    }, databaseWork)
                    : CompletableFuture.completedFuture(parsed);
        } catch (BadRequest bad) {
            input = CompletableFuture.supplyAsync(() -> this.<T>readFor(taskId, null, () -> {
                throw bad;
            }).value(), databaseWork);
        }
        return input.thenCompose(parsed -> submit.apply(taskId, parsed)).thenApply(this::ok);
    }

    /** A worker-bound token may only report on its own worker's tasks (see {@link #actsFor}). */
    private void actsForTaskOf(Authentication caller, TaskId id) {
        if (caller != null && Scopes.onlyWorker(caller).isPresent()) {
            actsFor(caller, tasks.get().get(id).worker());
        }
    }

    /*
     * /claim is a literal route: only POST is served there. Without these, GET, PATCH and DELETE of
     * /api/tasks/claim would reach the /{id} routes and answer "no task with id 'claim'" (404).
     */
    @Get("/claim")
    @Hidden
    HttpResponse<Problem> claimWithGet() {
        return claimIsPostOnly();
    }

    @Patch(uri = "/claim", consumes = MediaType.ALL)
    @Hidden
    HttpResponse<Problem> claimWithPatch() {
        return claimIsPostOnly();
    }

    @Delete(uri = "/claim", consumes = MediaType.ALL)
    @Hidden
    HttpResponse<Problem> claimWithDelete() {
        return claimIsPostOnly();
    }

    private static HttpResponse<Problem> claimIsPostOnly() {
        Problem problem = Problems.of(HttpStatus.METHOD_NOT_ALLOWED, null, "claim takes POST only", List.of());
        return Problems.respond(HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST"), problem);
    }

    /** A token granting tasks:work alone acts only for the worker its worker claim names. */
    private static void actsFor(Authentication caller, Worker worker) {
        if (caller == null) {
            return; // no token asked for (no key configured), or the route let an anonymous caller in
        }
        Scopes.onlyWorker(caller).filter(only -> !only.equals(worker.value())).ifPresent(only -> {
            throw new Forbidden("other-worker", "this token acts for worker '" + Details.clip(only) + "' only, not for '"
                    + Details.clip(worker.value()) + "'");
        });
    }

    private static TaskChanges changes(RequestBodies.Read<TaskInput.Change> read) {
        TaskInput.Change change = read.value();
        BodyFields fields = new BodyFields();
        Optional<Instant> start = change.start().map(s -> fields.at("/start", () -> TaskJson.instant(s, "start")));
        Optional<Optional<Title>> title = read.tree().has("title")
                ? Optional.of(Optional.ofNullable(change.title()).map(t -> fields.at("/title", () -> new Title(t))))
                : Optional.empty();
        Optional<Worker> worker = change.worker().map(w -> fields.at("/worker", () -> new Worker(w)));
        Optional<TaskStatus> status = change.status().map(s -> TaskStatus.valueOf(s));
        fields.finish();
        return new TaskChanges(start, title, worker, status, change.maxAttempts(), change.backoffSeconds());
    }

    /** What a request asks of one task: the change it carries and the version its If-Match names. */
    private record Versioned<T>(T value, Optional<Long> version) {
    }

    /**
     * Reads the body (with {@code read}) and the If-Match header; a bad one is reported only once
     * the task turned out to exist, so an unknown task is a 404 whatever else is wrong.
     */
    private <T> Versioned<T> readFor(TaskId id, String ifMatch, Supplier<T> read) {
        try {
            return new Versioned<>(read.get(), EntityTags.ifMatch(ifMatch));
        } catch (BadRequest e) {
            tasks.get().get(id);
            throw e;
        }
    }

    private HttpResponse<TaskResponse> ok(Task task) {
        return withEtag(HttpResponse.ok(json.response(task)), task);
    }

    private static <T> MutableHttpResponse<T> withEtag(MutableHttpResponse<T> response, Task task) {
        return response.header(HttpHeaders.ETAG, EntityTags.of(task.version()));
    }

    /** An id that cannot be a task id names no task: 404, like any unknown id. */
    private static TaskId taskId(String raw) {
        return TaskId.parse(raw).orElseThrow(() -> new NotFound("task-not-found", "no task with id '" + Details.clip(raw) + "'"));
    }

    private static int listLimit(String raw) {
        if (!raw.matches("[0-9]{1,4}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > FindTasks.MAX_LIMIT) {
            throw org.portside.domain.shared.Invalid.field("limit", "must be a whole number from 1 to " + FindTasks.MAX_LIMIT);
        }
        return Integer.parseInt(raw);
    }
}

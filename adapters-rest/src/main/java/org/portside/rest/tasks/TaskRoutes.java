package org.portside.rest.tasks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.in.GetTask;
import org.portside.application.tasks.port.in.MergePayload;
import org.portside.application.tasks.port.in.PatchTask;
import org.portside.application.tasks.port.in.RemovePayloadKey;
import org.portside.application.tasks.port.in.RemoveTask;
import org.portside.application.tasks.port.in.ScheduleTask;
import org.portside.domain.shared.NotFound;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.Worker;
import org.portside.rest.shared.BadRequest;
import org.portside.rest.shared.Params;
import org.portside.rest.shared.Problem;

/**
 * The task routes, mounted at {@code /api/tasks} and at the singular {@code /api/task} the
 * specification's examples use. When several errors apply the first of 404, 400, 412, 409 answers:
 * a body or parameter that cannot be read is reported only once the task is known to exist. Every
 * route runs on the blocking executor (JDBC); the annotation is on each method because Micronaut
 * does not carry a class-level {@code @ExecuteOn} over to inherited routes.
 */
abstract class TaskRoutes {

    static final String CANONICAL = "/api/tasks/";

    private final ScheduleTask schedule;
    private final GetTask get;
    private final FindTasks find;
    private final PatchTask patch;
    private final RemoveTask remove;
    private final MergePayload mergePayload;
    private final RemovePayloadKey removePayloadKey;
    private final ClaimDueTasks claim;
    private final TaskBodies bodies;
    private final TaskJson json;

    TaskRoutes(TaskUseCases useCases, TaskBodies bodies, TaskJson json) {
        this.schedule = useCases.schedule();
        this.get = useCases.get();
        this.find = useCases.find();
        this.patch = useCases.patch();
        this.remove = useCases.remove();
        this.mergePayload = useCases.mergePayload();
        this.removePayloadKey = useCases.removePayloadKey();
        this.claim = useCases.claim();
        this.bodies = bodies;
        this.json = json;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get
    @Operation(summary = "List tasks by start then id; filters combine with AND; paged with a keyset cursor (Link: rel=next)")
    @ApiResponse(responseCode = "200", description = "a bare list of tasks")
    @ApiResponse(responseCode = "400", description = "bad filter value", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<List<TaskResponse>> list(@Parameter(hidden = true) HttpRequest<?> request,
                                          @QueryValue @Nullable String worker,
                                          @QueryValue @Nullable String status,
                                          @QueryValue @Nullable String from,
                                          @QueryValue @Nullable String to,
                                          @QueryValue @Nullable String limit,
                                          @QueryValue @Nullable String after) {
        FindTasks.Query query = new FindTasks.Query(
                Optional.ofNullable(worker).map(w -> Params.parse("worker", w, Worker::new)),
                Optional.ofNullable(status).map(s -> Params.parse("status", s, v -> TaskJson.status(v, "status"))),
                Optional.ofNullable(from).map(f -> Params.parse("from", f, v -> TaskJson.instant(v, "from"))),
                Optional.ofNullable(to).map(t -> Params.parse("to", t, v -> TaskJson.instant(v, "to"))),
                limit == null ? FindTasks.DEFAULT_LIMIT : Params.parse("limit", limit, TaskRoutes::listLimit),
                Optional.ofNullable(after).map(a -> Params.parse("after", a, TaskRoutes::decodeCursor)));
        FindTasks.Page page = find.find(query);
        MutableHttpResponse<List<TaskResponse>> response = HttpResponse.ok(page.tasks().stream().map(json::response).toList());
        page.next().ifPresent(next -> response.header(HttpHeaders.LINK, "<" + UriBuilder.of(request.getUri())
                .replaceQueryParam("after", encodeCursor(next)).build() + ">; rel=\"next\""));
        return response;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(consumes = MediaType.ALL)
    @Operation(summary = "Create a task (SCHEDULED); start must be in the future")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskRequest.class)))
    @ApiResponse(responseCode = "201", description = "created; Location names /api/tasks/{id}")
    @ApiResponse(responseCode = "400", description = "invalid body, or start not in the future", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<TaskResponse> create(@Body @Nullable String body) {
        Task task = schedule.schedule(bodies.create(body));
        return withEtag(HttpResponse.created(json.response(task), URI.create(CANONICAL + task.id())), task);
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get("/{id}")
    @Operation(summary = "Read a task")
    @ApiResponse(responseCode = "200", description = "the task, with its ETag")
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<TaskResponse> read(@PathVariable String id) {
        return ok(get.get(taskId(id)));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Patch(uri = "/{id}", consumes = MediaType.ALL)
    @Operation(summary = "Change any of start, title, worker, status (If-Match honoured)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskPatchRequest.class)))
    @ApiResponse(responseCode = "200", description = "the whole task")
    @ApiResponse(responseCode = "400", description = "invalid body; a new start must be in the future", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "illegal status change", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<TaskResponse> patch(@PathVariable String id, @Body @Nullable String body,
                                     @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        TaskId taskId = taskId(id);
        var changes = existingFirst(taskId, () -> bodies.patch(body));
        return ok(patch.patch(taskId, changes, version(ifMatch)));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Delete(uri = "/{id}", consumes = MediaType.ALL)
    @Operation(summary = "Delete a task (not while RUNNING; If-Match honoured)")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "the task is RUNNING", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<Void> delete(@PathVariable String id, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        remove.remove(taskId(id), version(ifMatch));
        return HttpResponse.noContent();
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Patch(uri = "/{id}/payload", consumes = MediaType.ALL)
    @Operation(summary = "Add or replace first-level payload keys; other keys are kept (If-Match honoured)")
    @ApiResponse(responseCode = "200", description = "the whole task")
    @ApiResponse(responseCode = "400", description = "not a JSON object, or the payload would exceed 256 KiB", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<TaskResponse> patchPayload(@PathVariable String id, @Body @Nullable String body,
                                            @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        TaskId taskId = taskId(id);
        var payload = existingFirst(taskId, () -> bodies.payload(body));
        return ok(mergePayload.mergePayload(taskId, payload, version(ifMatch)));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Delete(uri = "/{id}/payload/{key}", consumes = MediaType.ALL)
    @Operation(summary = "Remove one first-level payload key (If-Match honoured)")
    @ApiResponse(responseCode = "200", description = "the whole task without that key")
    @ApiResponse(responseCode = "404", description = "no such task or key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<TaskResponse> deletePayloadKey(@PathVariable String id, @PathVariable String key,
                                                @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return ok(removePayloadKey.removePayloadKey(taskId(id), key, version(ifMatch)));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(uri = "/claim", consumes = MediaType.ALL)
    @Operation(summary = "Hand out a worker's due tasks, earliest first, now RUNNING; never one task twice")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimRequest.class)))
    @ApiResponse(responseCode = "200", description = "the claimed tasks ([] if none is due)")
    @ApiResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    List<TaskResponse> claim(@Body @Nullable String body) {
        TaskBodies.Claim request = bodies.claim(body);
        return claim.claim(request.worker(), request.limit()).stream().map(json::response).toList();
    }

    /** Reads the request, but reports a bad one only after the task turned out to exist (404 outranks 400). */
    private <T> T existingFirst(TaskId id, Supplier<T> read) {
        try {
            return read.get();
        } catch (BadRequest e) {
            get.get(id);
            throw e;
        }
    }

    private HttpResponse<TaskResponse> ok(Task task) {
        return withEtag(HttpResponse.ok(json.response(task)), task);
    }

    private static <T> MutableHttpResponse<T> withEtag(MutableHttpResponse<T> response, Task task) {
        return response.header(HttpHeaders.ETAG, "\"" + task.version() + "\"");
    }

    /** An id that cannot be a task id names no task: 404, like any unknown id. */
    private static TaskId taskId(String raw) {
        return TaskId.parse(raw).orElseThrow(() -> new NotFound("task-not-found", "no task with id '" + raw + "'"));
    }

    /**
     * The version an If-Match names: {@code *} and absence ask for none; a strong {@code "n"} asks for
     * n; anything else (a weak tag, garbage) can never match, so it is version -1 and answers 412.
     */
    static Optional<Long> version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return Optional.empty();
        }
        String tag = ifMatch.trim();
        if (tag.matches("\"[0-9]{1,18}\"")) {
            return Optional.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
        }
        return Optional.of(-1L);
    }

    private static int listLimit(String raw) {
        if (!raw.matches("[0-9]{1,4}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > FindTasks.MAX_LIMIT) {
            throw org.portside.domain.shared.Invalid.field("limit", "must be a whole number from 1 to " + FindTasks.MAX_LIMIT);
        }
        return Integer.parseInt(raw);
    }

    static String encodeCursor(FindTasks.Cursor cursor) {
        String plain = cursor.start().getEpochSecond() + ":" + cursor.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static FindTasks.Cursor decodeCursor(String raw) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8).split(":", 2);
            return new FindTasks.Cursor(TaskJson.requireInRange(Instant.ofEpochSecond(Long.parseLong(parts[0])), "after"),
                    TaskId.parse(parts[1]).orElseThrow());
        } catch (RuntimeException e) {
            throw org.portside.domain.shared.Invalid.field("after", "is not a cursor this service handed out (take it from the Link header)");
        }
    }
}

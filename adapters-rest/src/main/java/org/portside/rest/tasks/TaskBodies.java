package org.portside.rest.tasks;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.application.tasks.port.in.ScheduleTask;
import org.portside.domain.shared.Invalid;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.TaskChanges;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;
import org.portside.rest.shared.BadRequest;
import org.portside.rest.shared.JsonBody;
import org.portside.rest.shared.JsonObjectReader;

/** Reads task bodies field by field, naming every bad field with its JSON Pointer. */
@Singleton
final class TaskBodies {

    private static final List<String> CREATE = List.of("start", "title", "worker", "status", "payload");
    private static final List<String> PATCH = List.of("start", "title", "worker", "status", "id", "payload");
    private static final List<String> CLAIM = List.of("worker", "limit");

    record Claim(Worker worker, int limit) {
    }

    private final JsonBody json;
    private final TaskJson taskJson;

    TaskBodies(JsonBody json, TaskJson taskJson) {
        this.json = json;
        this.taskJson = taskJson;
    }

    ScheduleTask.Command create(String body) {
        JsonObjectReader fields = json.object(body, CREATE);
        Instant start = fields.has("start") ? fields.optionalValue("start", n -> TaskJson.instant(n, "start")).orElse(null)
                : fields.requiredString("start", s -> TaskJson.instant(s, "start"));
        Optional<Title> title = fields.nullableValue("title", n -> new Title(string(n, "title"))); // null: no title
        Worker worker = fields.requiredString("worker", Worker::new);
        fields.optionalValue("status", n -> {
            if (TaskJson.status(string(n, "status"), "status") != TaskStatus.SCHEDULED) {
                throw Invalid.field("status", "must be SCHEDULED (or omitted) when a task is created");
            }
            return TaskStatus.SCHEDULED;
        });
        Payload payload = fields.optionalValue("payload", n -> taskJson.payload(n, "payload")).orElse(Payload.EMPTY);
        fields.finish();
        return new ScheduleTask.Command(start, title, worker, payload);
    }

    TaskChanges patch(String body) {
        JsonObjectReader fields = json.object(body, PATCH);
        fields.optionalValue("id", n -> {
            throw Invalid.field("id", "cannot be changed; it is assigned by the server");
        });
        fields.optionalValue("payload", n -> {
            throw Invalid.field("payload", "is changed through PATCH /api/tasks/{id}/payload");
        });
        Optional<Instant> start = fields.optionalValue("start", n -> TaskJson.instant(n, "start"));
        Optional<Optional<Title>> title = fields.has("title")
                ? Optional.of(fields.nullableValue("title", n -> new Title(string(n, "title"))))
                : Optional.empty();
        Optional<Worker> worker = fields.optionalValue("worker", n -> new Worker(string(n, "worker")));
        Optional<TaskStatus> status = fields.optionalValue("status", n -> TaskJson.status(string(n, "status"), "status"));
        fields.finish();
        return new TaskChanges(start, title, worker, status);
    }

    Payload payload(String body) {
        JsonNode node = json.parse(body);
        if (!node.isObject()) {
            throw BadRequest.at("", "must be a JSON object whose keys are added to or replaced in the payload");
        }
        try {
            return taskJson.payload(node, "payload");
        } catch (Invalid e) {
            throw BadRequest.at("", e.violations().get(0).detail());
        }
    }

    Claim claim(String body) {
        JsonObjectReader fields = json.object(body, CLAIM);
        Worker worker = fields.requiredString("worker", Worker::new);
        int limit = fields.optionalValue("limit", TaskBodies::claimLimit).orElse(ClaimDueTasks.DEFAULT_LIMIT);
        fields.finish();
        return new Claim(worker, limit);
    }

    private static int claimLimit(JsonNode node) {
        if (!node.isNumber() || !(node.getNumberValue() instanceof Integer) || node.getIntValue() < 1 || node.getIntValue() > ClaimDueTasks.MAX_LIMIT) {
            throw Invalid.field("limit", "must be a whole number from 1 to " + ClaimDueTasks.MAX_LIMIT);
        }
        return node.getIntValue();
    }

    private static String string(JsonNode node, String field) {
        if (!node.isString()) {
            throw Invalid.field(field, "must be a string");
        }
        return node.getStringValue();
    }
}

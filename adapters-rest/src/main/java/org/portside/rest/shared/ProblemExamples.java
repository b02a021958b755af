package org.portside.rest.shared;

/**
 * The example problem each documented error status shows in the OpenAPI document (and so in
 * Swagger UI), so a 409 is not illustrated by a 400's body.
 */
public final class ProblemExamples {

    public static final String S400 = "{\"type\": \"urn:portside:problem:invalid-body\", \"title\": \"Bad Request\", \"status\": 400, "
            + "\"detail\": \"first_name must be of type string, not integer\", "
            + "\"errors\": [{\"pointer\": \"/first_name\", \"detail\": \"must be of type string, not integer\"}]}";
    public static final String S404 = "{\"type\": \"urn:portside:problem:not-found\", \"title\": \"Not Found\", \"status\": 404, "
            + "\"detail\": \"nothing is known by that name\"}";
    public static final String S405 = "{\"type\": \"about:blank\", \"title\": \"Method Not Allowed\", \"status\": 405, "
            + "\"detail\": \"claim takes POST only\"}";
    public static final String S409 = "{\"type\": \"urn:portside:problem:conflict\", \"title\": \"Conflict\", \"status\": 409, "
            + "\"detail\": \"it exists already, or its state does not allow this\"}";
    public static final String LEASE_LOST = "{\"type\": \"urn:portside:problem:lease-lost\", \"title\": \"Conflict\", \"status\": 409, "
            + "\"detail\": \"that lease is not the task's current one (it expired and the task was handed out again, or the task was "
            + "changed by hand); stop working on it\"}";
    public static final String KEY_IN_USE = "{\"type\": \"urn:portside:problem:idempotency-key-in-use\", \"title\": \"Conflict\", "
            + "\"status\": 409, \"detail\": \"a request with this Idempotency-Key is still being processed; retry once it has been answered\"}";
    public static final String KEY_REUSED = "{\"type\": \"urn:portside:problem:idempotency-key-reused\", \"title\": \"Unprocessable Entity\", "
            + "\"status\": 422, \"detail\": \"this Idempotency-Key was used for another request (a different body); use a new key for a new request\"}";
    public static final String S412 = "{\"type\": \"urn:portside:problem:stale-etag\", \"title\": \"Precondition Failed\", \"status\": 412, "
            + "\"detail\": \"the task has changed since version 1 (it is at version 2); read it again\"}";

    private ProblemExamples() {
    }
}

package org.portside.application.shared.port.in;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Requests a client may send again safely (the IETF httpapi {@code Idempotency-Key}): the same key
 * with the same request within the retention replays the first answer instead of doing the work
 * again. The work, the key and its answer are committed together, or not at all.
 */
public interface IdempotentRequests {

    /**
     * @param scope       where the key is unique: the route, and the caller's identity once there is one
     * @param key         the client's key
     * @param fingerprint what identifies the request's content (a digest of its body, say)
     */
    record Request(String scope, String key, String fingerprint) {
    }

    /** A first answer as it is replayed: status, body text and the headers that matter (Location, ETag). */
    record Answer(int status, String body, Map<String, String> headers) {

        public Answer {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Does {@code work} once per key, in one transaction with recording its answer; a later request
     * with that key and fingerprint gets {@code replay} of the recorded answer instead. Only answers
     * {@code remember} returns are recorded (successes): a failed attempt leaves no trace and may be
     * retried.
     *
     * @throws org.portside.domain.shared.Conflict      {@code idempotency-key-in-use} while a request with
     *                                                  that key is still being processed
     * @throws org.portside.domain.shared.Unprocessable {@code idempotency-key-reused} when the key was
     *                                                  used with another request
     */
    <R> R once(Request request, Supplier<R> work, Function<R, Optional<Answer>> remember, Function<Answer, R> replay);

    /** Deletes up to {@code limit} expired keys; how many it deleted. */
    int purgeExpired(int limit);
}

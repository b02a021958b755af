package org.portside.application.shared.port.out;

import java.time.Instant;
import java.util.Optional;
import org.portside.application.shared.port.in.IdempotentRequests;

/** Where idempotency keys and their first answers are kept. Every method runs in the caller's transaction. */
public interface IdempotencyStore {

    /** A key's record: the request's fingerprint and the answer it got. */
    record Kept(String fingerprint, IdempotentRequests.Answer answer) {
    }

    /**
     * Takes the key for this transaction, or answers false at once if another transaction holds it.
     * The store releases it when the transaction ends, or when {@link #release} is called after it.
     */
    boolean tryLock(String scope, String key);

    /** Called once the transaction that locked the key has ended; a store whose locks end with the transaction does nothing. */
    void release(String scope, String key);

    /** The key's record, unless it expired at {@code now}. */
    Optional<Kept> find(String scope, String key, Instant now);

    /** Records (or, over an expired record, records anew) the key's answer, kept until {@code expires}. */
    void save(String scope, String key, Kept kept, Instant expires);

    /** Deletes up to {@code limit} records expired at {@code now}; how many it deleted. */
    int purgeExpired(Instant now, int limit);
}

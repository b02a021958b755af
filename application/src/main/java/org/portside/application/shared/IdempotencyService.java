package org.portside.application.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.portside.application.shared.port.in.IdempotentRequests;
import org.portside.application.shared.port.out.IdempotencyStore;
import org.portside.application.shared.port.out.Transactions;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.Unprocessable;

/**
 * Idempotency keys. The key is locked, looked up, the work done and its answer recorded in one
 * transaction: if the service dies half-way, nothing of it was committed and a retry does the work
 * then, so a request is never done twice and an acknowledged one never forgotten. A second request
 * with the key while the first runs does not wait for it: it is told so (409) and retries.
 */
public final class IdempotencyService implements IdempotentRequests {

    private final IdempotencyStore store;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration retention;

    public IdempotencyService(IdempotencyStore store, Transactions transactions, Clock clock, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public <R> R once(Request request, Supplier<R> work, Function<R, Optional<Answer>> remember, Function<Answer, R> replay) {
        try {
            return transactions.inTransaction(() -> {
                if (!store.tryLock(request.scope(), request.key())) {
                    throw new Conflict("idempotency-key-in-use", "a request with this Idempotency-Key is still being processed; "
                            + "retry once it has been answered");
                }
                Optional<IdempotencyStore.Kept> earlier = store.find(request.scope(), request.key(), clock.instant());
                if (earlier.isPresent()) {
                    if (!earlier.get().fingerprint().equals(request.fingerprint())) {
                        throw new Unprocessable("idempotency-key-reused", "this Idempotency-Key was used for another request "
                                + "(a different body); use a new key for a new request");
                    }
                    return replay.apply(earlier.get().answer());
                }
                R result = work.get();
                remember.apply(result).ifPresent(answer -> store.save(request.scope(), request.key(),
                        new IdempotencyStore.Kept(request.fingerprint(), answer), clock.instant().plus(retention)));
                return result;
            });
        } finally {
            store.release(request.scope(), request.key());
        }
    }

    @Override
    public int purgeExpired(int limit) {
        int total = 0;
        int purged;
        do {
            purged = transactions.inTransaction(() -> store.purgeExpired(clock.instant(), limit));
            total += purged;
        } while (purged == limit);
        return total;
    }
}

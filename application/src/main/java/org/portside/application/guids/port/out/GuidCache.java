package org.portside.application.guids.port.out;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;

/**
 * A cache of recently used GUIDs. Never the source of truth and never a reason to fail: every stage
 * completes normally, a broken cache behaving as an empty one. Non-blocking.
 */
public interface GuidCache {

    CompletionStage<Optional<GuidRecord>> get(Guid guid);

    /** Keeps {@code record} for at most {@code ttl}. */
    CompletionStage<Void> put(GuidRecord record, Duration ttl);

    CompletionStage<Void> evict(Guid guid);
}

package org.portside.application.guids.port.in;

import java.util.concurrent.CompletionStage;
import org.portside.domain.guids.Guid;

public interface RemoveGuid {

    /** Completes exceptionally with {@code NotFound} if the GUID is unknown or expired. */
    CompletionStage<Void> remove(Guid guid);
}

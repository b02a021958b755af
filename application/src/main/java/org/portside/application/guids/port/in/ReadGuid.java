package org.portside.application.guids.port.in;

import java.util.concurrent.CompletionStage;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.GuidRecord;

public interface ReadGuid {

    /** Completes exceptionally with {@code NotFound} if the GUID is unknown or expired. */
    CompletionStage<GuidRecord> read(Guid guid);
}

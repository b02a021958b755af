package org.portside.application.tasks.port.in;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.portside.domain.tasks.Failure;
import org.portside.domain.tasks.LeaseToken;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskId;

/**
 * What the worker holding a task's lease reports while it runs it. Each step needs the lease the
 * claim handed out, still unexpired: otherwise {@code Conflict} "lease-lost" and the task is left as
 * it is (it may be running elsewhere by now).
 *
 * @see org.portside.domain.tasks.Task#heartbeat
 */
public interface RunTask {

    /** Still at work: the lease now ends {@code leaseSeconds} from now. */
    Task heartbeat(TaskId id, LeaseToken lease, int leaseSeconds);

    /** Done: SUCCEEDED. */
    Task complete(TaskId id, LeaseToken lease);

    /** This attempt failed: SCHEDULED again after the back-off if {@code retry} and attempts are left, else FAILED. */
    Task fail(TaskId id, LeaseToken lease, Optional<Failure> error, boolean retry);

    /*
     * The same three, non-blocking: the report is queued, and reports that wait for the database
     * together are written by one statement and one commit. The stage fails as the blocking method
     * throws, or with a RejectedExecutionException when too many wait.
     */

    /** {@link #heartbeat}, non-blocking. */
    CompletionStage<Task> submitHeartbeat(TaskId id, LeaseToken lease, int leaseSeconds);

    /** {@link #complete}, non-blocking. */
    CompletionStage<Task> submitComplete(TaskId id, LeaseToken lease);

    /** {@link #fail}, non-blocking. */
    CompletionStage<Task> submitFail(TaskId id, LeaseToken lease, Optional<Failure> error, boolean retry);
}

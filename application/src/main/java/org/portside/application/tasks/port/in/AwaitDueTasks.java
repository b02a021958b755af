package org.portside.application.tasks.port.in;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.Worker;

/**
 * A claim that waits (a long poll): with nothing due it waits up to {@code waitSeconds} and answers
 * as soon as a task of that worker becomes due or is created, or with none when the wait ends.
 * Waiting holds no thread and no database connection.
 */
public interface AwaitDueTasks {

    int MAX_WAIT_SECONDS = 30;

    /**
     * Completes with the claimed tasks (empty when the wait ended with none), or exceptionally with
     * {@code Invalid} for a limit, lease or wait out of bounds.
     */
    CompletionStage<List<Task>> claim(Worker worker, int limit, int leaseSeconds, int waitSeconds);
}

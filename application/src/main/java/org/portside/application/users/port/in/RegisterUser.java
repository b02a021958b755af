package org.portside.application.users.port.in;

import java.util.concurrent.CompletionStage;
import org.portside.domain.users.User;

/** Creates a user; groups it names that do not exist yet are created with it. */
public interface RegisterUser {

    /**
     * @return the stored user
     * @throws org.portside.domain.shared.Conflict {@code user-exists} if the userid is taken
     */
    User register(User user);

    /**
     * {@link #register}, non-blocking: the registration is queued, and registrations that wait for the
     * database together are stored by one statement and one commit.
     *
     * @return the stored user, or a failed stage: {@code user-exists} as above, a refusal when too
     *         many wait ({@link java.util.concurrent.RejectedExecutionException})
     */
    CompletionStage<User> submit(User user);
}

package org.portside.application.users.port.in;

import java.util.concurrent.CompletionStage;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;

public interface GetUser {

    /** @throws org.portside.domain.shared.NotFound {@code user-not-found} */
    User get(UserId userid);

    /**
     * The same without blocking the caller: the read runs on the service's executor, with whatever
     * other reads are waiting (one statement for all of them), and a refusal fails the stage.
     */
    CompletionStage<User> read(UserId userid);
}

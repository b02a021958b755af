package org.portside.application.users.port.in;

import org.portside.domain.users.User;
import org.portside.domain.users.UserId;

public interface GetUser {

    /** @throws org.portside.domain.shared.NotFound {@code user-not-found} */
    User get(UserId userid);
}

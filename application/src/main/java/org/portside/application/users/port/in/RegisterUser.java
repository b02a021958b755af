package org.portside.application.users.port.in;

import org.portside.domain.users.User;

/** Creates a user; groups it names that do not exist yet are created with it. */
public interface RegisterUser {

    /**
     * @return the stored user
     * @throws org.portside.domain.shared.Conflict {@code user-exists} if the userid is taken
     */
    User register(User user);
}

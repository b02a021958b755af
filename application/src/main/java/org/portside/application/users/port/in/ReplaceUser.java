package org.portside.application.users.port.in;

import org.portside.domain.users.User;

/** Replaces a user's whole record (names and group list); the userid itself never changes. */
public interface ReplaceUser {

    /** @throws org.portside.domain.shared.NotFound {@code user-not-found} */
    User replace(User user);
}

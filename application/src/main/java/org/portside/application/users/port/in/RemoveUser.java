package org.portside.application.users.port.in;

import org.portside.domain.users.UserId;

/** Deletes a user; the user leaves every group. */
public interface RemoveUser {

    /** @throws org.portside.domain.shared.NotFound {@code user-not-found} */
    void remove(UserId userid);
}

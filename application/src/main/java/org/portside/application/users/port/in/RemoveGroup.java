package org.portside.application.users.port.in;

import org.portside.domain.users.GroupName;

/** Deletes a group; no user lists it afterwards. */
public interface RemoveGroup {

    /** @throws org.portside.domain.shared.NotFound {@code group-not-found} */
    void remove(GroupName name);
}

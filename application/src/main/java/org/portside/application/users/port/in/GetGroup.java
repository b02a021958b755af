package org.portside.application.users.port.in;

import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;

public interface GetGroup {

    /** @throws org.portside.domain.shared.NotFound {@code group-not-found} */
    Group get(GroupName name);
}

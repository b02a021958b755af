package org.portside.application.users.port.in;

import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;

public interface CreateGroup {

    /**
     * @return the new, empty group
     * @throws org.portside.domain.shared.Conflict {@code group-exists}
     */
    Group create(GroupName name);
}

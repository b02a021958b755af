package org.portside.application.users.port.in;

import java.util.List;
import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.UserId;

/** Sets a group's members to exactly the given users, all or nothing. */
public interface ReplaceGroupMembers {

    /**
     * @param members in the caller's order; positions are used to name unknown or repeated entries
     * @throws org.portside.domain.shared.NotFound {@code group-not-found}
     * @throws org.portside.domain.shared.Invalid {@code duplicate-members} or {@code unknown-users},
     *         with one violation per offending position (field = the position, from 0)
     */
    Group replace(GroupName name, List<UserId> members);
}

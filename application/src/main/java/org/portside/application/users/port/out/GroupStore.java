package org.portside.application.users.port.out;

import java.util.Optional;
import java.util.Set;
import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.UserId;

/** Where groups live; see {@link UserStore} for how memberships are shared. */
public interface GroupStore {

    Optional<Group> find(GroupName name);

    /** Like {@link #find} but also keeps the group's members from being replaced until the transaction ends. */
    Optional<Group> findForUpdate(GroupName name);

    /** @return false, storing nothing, if the name is taken (also by a concurrent insert) */
    boolean insertIfAbsent(GroupName name);

    /** Makes {@code members} the exact member set of an existing group; every member must exist. */
    void replaceMembers(GroupName name, Set<UserId> members);

    /** @return false if there was no such group */
    boolean delete(GroupName name);
}

package org.portside.application.users.port.out;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;

/**
 * Where users and their group memberships live. Memberships are one relation shared with
 * {@link GroupStore}: writing a user's groups here is what the group view reads, and vice versa.
 * Every method runs inside the caller's {@link org.portside.application.shared.port.out.Transactions
 * transaction}.
 */
public interface UserStore {

    Optional<User> find(UserId userid);

    /**
     * Those of {@code userids} that exist, each with its groups, read at one moment. One call for
     * many reads; this default asks {@link #find} for each.
     */
    default Map<UserId, User> findAll(Set<UserId> userids) {
        Map<UserId, User> found = new HashMap<>();
        for (UserId userid : userids) {
            find(userid).ifPresent(user -> found.put(userid, user));
        }
        return found;
    }

    /** Of the given ids, those that name existing users; they cannot be deleted until the transaction ends. */
    Set<UserId> existing(Collection<UserId> userids);

    /**
     * Stores a new user with its memberships, creating the groups it lists that do not exist yet.
     *
     * @return false, storing nothing, if the userid is taken (also by a concurrent insert)
     */
    boolean insertIfAbsent(User user);

    /**
     * {@link #insertIfAbsent} for each of {@code users} (distinct userids), all at one moment. One call
     * for many registrations; this default asks {@link #insertIfAbsent} for each.
     *
     * @return the userids stored (the others were taken)
     */
    default Set<UserId> insertAllIfAbsent(List<User> users) {
        Set<UserId> stored = new HashSet<>();
        for (User user : users) {
            if (insertIfAbsent(user)) {
                stored.add(user.userid());
            }
        }
        return stored;
    }

    /**
     * Replaces names and memberships of a user, creating the groups it lists that do not exist yet.
     *
     * @return false, storing nothing, if there is no such user
     */
    boolean update(User user);

    /** @return false if there was no such user */
    boolean delete(UserId userid);
}

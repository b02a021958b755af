package org.portside.application.users;

import org.portside.application.shared.port.out.Transactions;
import org.portside.application.users.port.in.GetUser;
import org.portside.application.users.port.in.RegisterUser;
import org.portside.application.users.port.in.RemoveUser;
import org.portside.application.users.port.in.ReplaceUser;
import org.portside.application.users.port.out.UserStore;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.NotFound;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;

/** The user use cases. Each one is a single transaction, so a refused request leaves no trace. */
public final class UserService implements RegisterUser, GetUser, ReplaceUser, RemoveUser {

    private final UserStore users;
    private final Transactions transactions;

    public UserService(UserStore users, Transactions transactions) {
        this.users = users;
        this.transactions = transactions;
    }

    @Override
    public User register(User user) {
        return transactions.singleStatement(() -> {
            if (!users.insertIfAbsent(user)) {
                throw exists(user.userid());
            }
            return user;
        });
    }

    @Override
    public User get(UserId userid) {
        return users.find(userid).orElseThrow(() -> notFound(userid));
    }

    @Override
    public User replace(User user) {
        return transactions.singleStatement(() -> {
            if (!users.update(user)) {
                throw notFound(user.userid());
            }
            return user;
        });
    }

    @Override
    public void remove(UserId userid) {
        transactions.runSingleStatement(() -> {
            if (!users.delete(userid)) {
                throw notFound(userid);
            }
        });
    }

    private static NotFound notFound(UserId userid) {
        return new NotFound("user-not-found", "no user with userid '" + userid + "'");
    }

    private static Conflict exists(UserId userid) {
        return new Conflict("user-exists", "a user with userid '" + userid + "' already exists");
    }
}

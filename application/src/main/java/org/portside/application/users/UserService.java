package org.portside.application.users;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.portside.application.shared.BatchedReads;
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
    private final BatchedReads<UserId, User> reads;

    /** {@link #read} runs on the caller's thread, blocking it. */
    public UserService(UserStore users, Transactions transactions) {
        this(users, transactions, Runnable::run, BatchedReads.Limits.DEFAULTS);
    }

    /** {@link #read} runs on {@code blocking}; reads that wait together share one statement. */
    public UserService(UserStore users, Transactions transactions, Executor blocking, BatchedReads.Limits readBatches) {
        this.users = users;
        this.transactions = transactions;
        this.reads = new BatchedReads<>(users::findAll, blocking, readBatches);
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
    public CompletionStage<User> read(UserId userid) {
        return reads.read(userid).thenApply(found -> found.orElseThrow(() -> notFound(userid)));
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

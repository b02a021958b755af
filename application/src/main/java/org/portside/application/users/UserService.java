package org.portside.application.users;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.portside.application.shared.Batches;
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
    private final Batches<UserId, Optional<User>> reads;
    private final Batches<User, User> registrations;

    /** {@link #read} and {@link #submit} run on the caller's thread, blocking it. */
    public UserService(UserStore users, Transactions transactions) {
        this(users, transactions, Runnable::run, Batches.Limits.READS, Batches.Limits.WRITES);
    }

    /**
     * {@link #read} and {@link #submit} run on {@code blocking}; reads that wait together share one
     * statement, and so do registrations.
     */
    public UserService(UserStore users, Transactions transactions, Executor blocking, Batches.Limits readBatches,
                       Batches.Limits writeBatches) {
        this.users = users;
        this.transactions = transactions;
        this.reads = Batches.reads(users::findAll, blocking, readBatches);
        this.registrations = new Batches<>(this::registerAll, blocking, writeBatches);
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
    public CompletionStage<User> submit(User user) {
        return registrations.submit(user);
    }

    /**
     * A batch of registrations in one statement and one commit. A userid submitted twice in a batch is
     * stored at most once, for the first; the others are told it is taken (true either way, once the
     * statement commits). When the statement fails for any reason but an outage, each registration
     * is tried again on its own, so a user that cannot be stored fails its own request, not its
     * batch-mates'.
     */
    private void registerAll(List<Batches.Job<User, User>> batch) {
        Map<UserId, Batches.Job<User, User>> firsts = Batches.firstsBy(batch, User::userid);
        Batches.togetherOrOneByOne(batch, () -> {
            Set<UserId> stored = transactions.singleStatement(
                    () -> users.insertAllIfAbsent(firsts.values().stream().map(Batches.Job::command).toList()));
            for (Batches.Job<User, User> job : batch) {
                UserId userid = job.command().userid();
                if (firsts.get(userid) == job && stored.contains(userid)) {
                    job.answer(job.command());
                } else {
                    job.fail(exists(userid));
                }
            }
        }, job -> register(job.command()));
    }

    @Override
    public User get(UserId userid) {
        return users.find(userid).orElseThrow(() -> notFound(userid));
    }

    @Override
    public CompletionStage<User> read(UserId userid) {
        return reads.submit(userid).thenApply(found -> found.orElseThrow(() -> notFound(userid)));
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

package org.portside.bootstrap;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.users.GroupService;
import org.portside.application.users.UserService;
import org.portside.application.users.port.out.GroupStore;
import org.portside.application.users.port.out.UserStore;

/**
 * Wires the framework-free use cases to whatever adapters implement their driven ports. The
 * services carry no annotations; this is the only place that knows both sides.
 */
@Factory
class UseCaseFactory {

    @Singleton
    UserService userService(UserStore users, GroupStore groups, Transactions transactions) {
        return new UserService(users, groups, transactions);
    }

    @Singleton
    GroupService groupService(GroupStore groups, UserStore users, Transactions transactions) {
        return new GroupService(groups, users, transactions);
    }
}

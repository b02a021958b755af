package org.portside.application.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portside.application.users.Fixtures.ids;
import static org.portside.application.users.Fixtures.names;
import static org.portside.application.users.Fixtures.user;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.BatchedReads;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.users.inmemory.InMemoryDirectory;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.NotFound;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;

class UserServiceTest {

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final InMemoryTransactions tx = new InMemoryTransactions();
    private final UserService users = new UserService(directory, tx);
    private final GroupService groups = new GroupService(directory, directory, tx);

    @Test
    void registered_user_can_be_read_back_with_sorted_groups() {
        users.register(user("jsmith", "users", "admins"));
        User read = users.get(new UserId("jsmith"));
        assertEquals("Joe", read.firstName().value());
        assertEquals(List.of("admins", "users"), names(read.groups()));
    }

    @Test
    void a_read_without_blocking_answers_the_user_or_fails_with_not_found() {
        users.register(user("jsmith", "users", "admins"));
        assertEquals(users.get(new UserId("jsmith")), users.read(new UserId("jsmith")).toCompletableFuture().join());
        CompletionException e = assertThrows(CompletionException.class,
                () -> users.read(new UserId("nobody")).toCompletableFuture().join());
        assertEquals("user-not-found", ((NotFound) e.getCause()).code());
    }

    @Test
    void reads_run_on_the_given_executor() {
        List<Runnable> handedOver = new ArrayList<>();
        UserService offThread = new UserService(directory, tx, handedOver::add, BatchedReads.Limits.DEFAULTS);
        users.register(user("jsmith"));
        CompletableFuture<User> read = offThread.read(new UserId("jsmith")).toCompletableFuture();
        assertFalse(read.isDone(), "nothing read on the caller's thread");
        handedOver.forEach(Runnable::run);
        assertEquals("jsmith", read.join().userid().value());
    }

    @Test
    void registering_creates_the_groups_it_names() {
        users.register(user("jsmith", "admins"));
        assertEquals(List.of("jsmith"), ids(groups.get(new GroupName("admins")).members()));
    }

    @Test
    void rejects_a_taken_userid_and_keeps_the_first_record() {
        users.register(user("jsmith", "admins"));
        Conflict e = assertThrows(Conflict.class, () -> users.register(user("jsmith", "others")));
        assertEquals("user-exists", e.code());
        assertEquals(List.of("admins"), names(users.get(new UserId("jsmith")).groups()));
        assertThrows(NotFound.class, () -> groups.get(new GroupName("others")));
    }

    @Test
    void unknown_user_is_not_found() {
        NotFound e = assertThrows(NotFound.class, () -> users.get(new UserId("nobody")));
        assertEquals("user-not-found", e.code());
    }

    @Test
    void replace_swaps_names_and_the_whole_group_list() {
        users.register(user("jsmith", "admins", "users"));
        User replaced = User.of(new UserId("jsmith"), new PersonName("Joseph"), new PersonName("Smyth"),
                List.of(new GroupName("ops")));
        users.replace(replaced);
        User read = users.get(new UserId("jsmith"));
        assertEquals("Joseph", read.firstName().value());
        assertEquals(List.of("ops"), names(read.groups()));
        assertTrue(groups.get(new GroupName("admins")).members().isEmpty(), "left admins");
        assertEquals(List.of("jsmith"), ids(groups.get(new GroupName("ops")).members()));
    }

    @Test
    void replacing_an_unknown_user_is_not_found_and_creates_nothing() {
        assertThrows(NotFound.class, () -> users.replace(user("ghost", "newgroup")));
        assertThrows(NotFound.class, () -> groups.get(new GroupName("newgroup")));
    }

    @Test
    void removed_user_leaves_every_group() {
        users.register(user("jsmith", "admins"));
        users.register(user("other", "admins"));
        users.remove(new UserId("jsmith"));
        assertThrows(NotFound.class, () -> users.get(new UserId("jsmith")));
        assertEquals(List.of("other"), ids(groups.get(new GroupName("admins")).members()));
    }

    @Test
    void removing_an_unknown_user_is_not_found() {
        assertThrows(NotFound.class, () -> users.remove(new UserId("ghost")));
    }
}

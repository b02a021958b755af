package org.portside.application.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portside.application.users.Fixtures.ids;
import static org.portside.application.users.Fixtures.names;
import static org.portside.application.users.Fixtures.user;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.Batches;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.shared.port.out.StoreUnavailable;
import org.portside.application.users.inmemory.InMemoryDirectory;
import org.portside.application.users.port.out.UserStore;
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
        UserService offThread = new UserService(directory, tx, handedOver::add, Batches.Limits.READS, Batches.Limits.WRITES);
        users.register(user("jsmith"));
        CompletableFuture<User> read = offThread.read(new UserId("jsmith")).toCompletableFuture();
        assertFalse(read.isDone(), "nothing read on the caller's thread");
        handedOver.forEach(Runnable::run);
        assertEquals("jsmith", read.join().userid().value());
    }

    /** The directory, recording each batch of registrations, and failing them when told to. */
    private final class Batching implements UserStore {
        final List<List<String>> batches = new ArrayList<>();
        RuntimeException batchFailure;
        String unstorable; // a userid whose registration fails on its own, too

        @Override
        public Set<UserId> insertAllIfAbsent(List<User> registrations) {
            batches.add(registrations.stream().map(u -> u.userid().value()).toList());
            if (batchFailure != null) {
                throw batchFailure;
            }
            return UserStore.super.insertAllIfAbsent(registrations);
        }

        @Override
        public boolean insertIfAbsent(User user) {
            if (user.userid().value().equals(unstorable)) {
                throw new IllegalStateException("cannot store " + unstorable);
            }
            return directory.insertIfAbsent(user);
        }

        @Override
        public Optional<User> find(UserId userid) {
            return directory.find(userid);
        }

        @Override
        public Set<UserId> existing(Collection<UserId> userids) {
            return directory.existing(userids);
        }

        @Override
        public boolean update(User user) {
            return directory.update(user);
        }

        @Override
        public boolean delete(UserId userid) {
            return directory.delete(userid);
        }
    }

    private final Batching batching = new Batching();
    private final List<Runnable> drains = new ArrayList<>();
    private final UserService batched = new UserService(batching, tx, drains::add, Batches.Limits.READS, Batches.Limits.WRITES);

    private void runDrains() {
        List<Runnable> now = List.copyOf(drains);
        drains.clear();
        now.forEach(Runnable::run);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        return assertThrows(CompletionException.class, future::join).getCause();
    }

    @Test
    void registrations_that_wait_together_are_stored_by_one_call_and_each_is_answered_for_itself() {
        users.register(user("taken"));
        CompletableFuture<User> first = batched.submit(user("first", "admins")).toCompletableFuture();
        CompletableFuture<User> second = batched.submit(user("second", "admins")).toCompletableFuture();
        CompletableFuture<User> again = batched.submit(user("second", "others")).toCompletableFuture();
        CompletableFuture<User> taken = batched.submit(user("taken")).toCompletableFuture();
        assertFalse(first.isDone(), "nothing stored on the caller's thread");
        runDrains();
        assertEquals(List.of(List.of("first", "second", "taken")), batching.batches,
                "one call for all, a userid submitted twice in it once");
        assertEquals("first", first.join().userid().value());
        assertEquals("second", second.join().userid().value());
        assertEquals("user-exists", ((Conflict) failure(again)).code(), "the later of two with one userid is told it is taken");
        assertEquals("user-exists", ((Conflict) failure(taken)).code());
        assertEquals(List.of("admins"), names(users.get(new UserId("second")).groups()), "the first one's record is stored");
        assertEquals(List.of("first", "second"), ids(groups.get(new GroupName("admins")).members()));
    }

    @Test
    void when_a_batch_fails_each_registration_is_tried_alone_and_only_the_bad_one_fails() {
        batching.batchFailure = new IllegalStateException("a row of the batch broke the statement");
        batching.unstorable = "bad";
        CompletableFuture<User> lone = batched.submit(user("lone")).toCompletableFuture();
        runDrains();
        assertSame(batching.batchFailure, failure(lone), "a batch of one fails as it is");
        assertTrue(directory.find(new UserId("lone")).isEmpty(), "not tried again alone");
        CompletableFuture<User> good = batched.submit(user("good")).toCompletableFuture();
        CompletableFuture<User> bad = batched.submit(user("bad")).toCompletableFuture();
        CompletableFuture<User> twice = batched.submit(user("good")).toCompletableFuture();
        runDrains();
        assertEquals("good", good.join().userid().value());
        assertEquals("cannot store bad", failure(bad).getMessage());
        assertEquals("user-exists", ((Conflict) failure(twice)).code());
        assertTrue(directory.find(new UserId("good")).isPresent());
    }

    @Test
    void an_outage_fails_the_whole_batch_without_trying_each_alone() {
        batching.batchFailure = new StoreUnavailable("database down", null);
        CompletableFuture<User> one = batched.submit(user("one")).toCompletableFuture();
        CompletableFuture<User> two = batched.submit(user("two")).toCompletableFuture();
        batching.unstorable = "none";
        runDrains();
        assertSame(batching.batchFailure, failure(one));
        assertSame(batching.batchFailure, failure(two));
        assertEquals(List.of(List.of("one", "two")), batching.batches);
        assertTrue(directory.find(new UserId("one")).isEmpty(), "nothing tried alone");
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

package org.portside.application.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.users.port.out.GroupStore;
import org.portside.application.users.port.out.UserStore;
import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;

/**
 * What every {@link UserStore} and {@link GroupStore} pair promises, memberships shared between
 * them; run against the in-memory directory and the JDBC stores.
 */
public abstract class DirectoryContract {

    protected abstract UserStore users();

    protected abstract GroupStore groups();

    protected abstract Transactions transactions();

    /** Starts each test from an empty directory. */
    protected abstract void empty();

    @BeforeEach
    void startEmpty() {
        empty();
    }

    protected static User user(String userid, String... groups) {
        return User.of(new UserId(userid), new PersonName("Joe"), new PersonName("Smith ünï 😀"),
                java.util.Arrays.stream(groups).map(GroupName::new).toList());
    }

    private boolean register(User user) {
        return transactions().inTransaction(() -> users().insertIfAbsent(user));
    }

    private List<String> members(String group) {
        return transactions().inTransaction(() -> groups().find(new GroupName(group))).orElseThrow()
                .members().stream().map(UserId::value).toList();
    }

    @Test
    void a_user_reads_back_with_its_groups_sorted_and_the_groups_list_it() {
        User joe = user("jsmith", "users", "admins");
        assertTrue(register(joe));
        assertEquals(joe, transactions().inTransaction(() -> users().find(joe.userid())).orElseThrow());
        assertEquals(List.of("admins", "users"), joe.groups().stream().map(GroupName::value).toList());
        assertEquals(List.of("jsmith"), members("admins"));
    }

    @Test
    void reads_many_users_at_once_each_with_its_own_groups_and_leaves_out_unknown_ids() {
        User joe = user("jsmith", "users", "admins");
        User ann = user("alee");
        User bob = user("bob", "users");
        assertTrue(register(joe));
        assertTrue(register(ann));
        assertTrue(register(bob));
        UserId nobody = new UserId("nobody");
        assertEquals(Map.of(joe.userid(), joe, ann.userid(), ann),
                transactions().inTransaction(() -> users().findAll(Set.of(joe.userid(), ann.userid(), nobody))));
        assertEquals(Map.of(bob.userid(), bob), transactions().inTransaction(() -> users().findAll(Set.of(bob.userid()))));
        assertEquals(Map.of(), transactions().inTransaction(() -> users().findAll(Set.of(nobody))));
    }

    @Test
    void stores_many_users_at_once_each_with_its_own_groups_and_leaves_out_taken_userids() {
        assertTrue(register(user("taken", "old")));
        User joe = user("jsmith", "users", "admins");
        User ann = user("alee");
        User bob = user("bob", "users", "new");
        Set<UserId> stored = transactions().inTransaction(
                () -> users().insertAllIfAbsent(List.of(joe, user("taken", "admins", "ghost"), ann, bob)));
        assertEquals(Set.of(joe.userid(), ann.userid(), bob.userid()), stored);
        assertEquals(Map.of(joe.userid(), joe, ann.userid(), ann, bob.userid(), bob, new UserId("taken"), user("taken", "old")),
                transactions().inTransaction(() -> users().findAll(Set.of(joe.userid(), ann.userid(), bob.userid(), new UserId("taken")))),
                "each with its own groups; the taken one unchanged");
        assertEquals(List.of("bob", "jsmith"), members("users"));
        assertEquals(List.of("jsmith"), members("admins"), "not joined by the taken userid's registration");
        assertTrue(transactions().inTransaction(() -> groups().find(new GroupName("ghost"))).isEmpty(),
                "a group named only by a refused registration is not created");
        assertEquals(List.of("bob"), members("new"));
        assertEquals(Set.of(), transactions().inTransaction(() -> users().insertAllIfAbsent(List.of(user("taken")))));
    }

    @Test
    void a_taken_userid_or_group_name_is_refused_and_nothing_changes() {
        assertTrue(register(user("jsmith", "admins")));
        assertFalse(register(user("jsmith", "others")), "the userid is taken");
        assertEquals(Set.of(new GroupName("admins")), transactions().inTransaction(() -> users().find(new UserId("jsmith"))).orElseThrow().groups());
        assertFalse(transactions().inTransaction(() -> groups().insertIfAbsent(new GroupName("admins"))));
        assertTrue(transactions().inTransaction(() -> groups().insertIfAbsent(new GroupName("empty"))));
        assertEquals(List.of(), members("empty"), "a new group has no members");
    }

    @Test
    void updating_a_user_moves_it_between_groups_in_both_views() {
        register(user("jsmith", "admins", "users"));
        User moved = User.of(new UserId("jsmith"), new PersonName("Joseph"), new PersonName("Smith"), List.of(new GroupName("ops")));
        assertTrue(transactions().inTransaction(() -> users().update(moved)));
        assertEquals(moved, transactions().inTransaction(() -> users().find(moved.userid())).orElseThrow());
        assertEquals(List.of(), members("admins"));
        assertEquals(List.of("jsmith"), members("ops"));
    }

    @Test
    void replacing_members_is_seen_from_the_users_side() {
        register(user("a"));
        register(user("b", "team"));
        transactions().run(() -> groups().replaceMembers(new GroupName("team"), Set.of(new UserId("a"))));
        assertEquals(List.of("a"), members("team"));
        assertEquals(Set.of(new GroupName("team")), transactions().inTransaction(() -> users().find(new UserId("a"))).orElseThrow().groups());
        assertEquals(Set.of(), transactions().inTransaction(() -> users().find(new UserId("b"))).orElseThrow().groups());
    }

    @Test
    void existing_names_only_the_users_that_are_there() {
        register(user("a"));
        register(user("b"));
        assertEquals(Set.of(new UserId("a"), new UserId("b")),
                transactions().inTransaction(() -> users().existing(List.of(new UserId("a"), new UserId("ghost"), new UserId("b")))));
        assertEquals(Set.of(), transactions().inTransaction(() -> users().existing(List.of())));
    }

    @Test
    void deleting_a_user_or_a_group_removes_its_memberships() {
        register(user("a", "g1", "g2"));
        register(user("b", "g1"));
        assertTrue(transactions().inTransaction(() -> users().delete(new UserId("b"))));
        assertEquals(List.of("a"), members("g1"));
        assertTrue(transactions().inTransaction(() -> groups().delete(new GroupName("g1"))));
        assertTrue(transactions().inTransaction(() -> groups().find(new GroupName("g1"))).isEmpty());
        assertEquals(Set.of(new GroupName("g2")), transactions().inTransaction(() -> users().find(new UserId("a"))).orElseThrow().groups());
        assertFalse(transactions().inTransaction(() -> users().delete(new UserId("b"))), "a second delete finds nothing");
        assertFalse(transactions().inTransaction(() -> groups().delete(new GroupName("g1"))));
        Group g2 = transactions().inTransaction(() -> groups().findForUpdate(new GroupName("g2"))).orElseThrow();
        assertEquals(new GroupName("g2"), g2.name());
    }
}

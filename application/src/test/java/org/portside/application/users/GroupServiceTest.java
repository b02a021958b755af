package org.portside.application.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portside.application.users.Fixtures.ids;
import static org.portside.application.users.Fixtures.names;
import static org.portside.application.users.Fixtures.user;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.users.inmemory.InMemoryDirectory;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;
import org.portside.domain.shared.Violation;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.UserId;

class GroupServiceTest {

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final InMemoryTransactions tx = new InMemoryTransactions();
    private final UserService users = new UserService(directory, tx);
    private final GroupService groups = new GroupService(directory, directory, tx);
    private final GroupName admins = new GroupName("admins");

    @Test
    void new_group_is_empty() {
        assertTrue(groups.create(admins).members().isEmpty());
        assertTrue(groups.get(admins).members().isEmpty());
    }

    @Test
    void rejects_duplicate_group_name() {
        groups.create(admins);
        Conflict e = assertThrows(Conflict.class, () -> groups.create(admins));
        assertEquals("group-exists", e.code());
    }

    @Test
    void replacing_members_changes_what_every_user_lists() {
        users.register(user("a", "admins"));
        users.register(user("b"));
        users.register(user("c"));
        var result = groups.replace(admins, List.of(new UserId("c"), new UserId("b")));
        assertEquals(List.of("b", "c"), ids(result.members()));
        assertTrue(users.get(new UserId("a")).groups().isEmpty());
        assertEquals(List.of("admins"), names(users.get(new UserId("b")).groups()));
        assertEquals(List.of("b", "c"), ids(groups.get(admins).members()));
    }

    @Test
    void unknown_userids_are_all_named_and_nothing_is_applied() {
        users.register(user("a", "admins"));
        users.register(user("b"));
        Invalid e = assertThrows(Invalid.class,
                () -> groups.replace(admins, List.of(new UserId("x"), new UserId("b"), new UserId("y"))));
        assertEquals("unknown-users", e.code());
        assertEquals(List.of("0", "2"), e.violations().stream().map(Violation::field).toList());
        assertTrue(e.getMessage().contains("x, y"), e.getMessage());
        assertEquals(List.of("a"), ids(groups.get(admins).members()));
    }

    @Test
    void repeated_userids_are_rejected_by_position() {
        groups.create(admins);
        Invalid e = assertThrows(Invalid.class,
                () -> groups.replace(admins, List.of(new UserId("a"), new UserId("b"), new UserId("a"))));
        assertEquals("duplicate-members", e.code());
        assertEquals(List.of("2"), e.violations().stream().map(Violation::field).toList());
    }

    @Test
    void replacing_members_of_an_unknown_group_is_not_found() {
        assertThrows(NotFound.class, () -> groups.replace(admins, List.of()));
    }

    @Test
    void removed_group_is_gone_from_every_user() {
        users.register(user("a", "admins", "users"));
        groups.remove(admins);
        assertThrows(NotFound.class, () -> groups.get(admins));
        assertEquals(List.of("users"), names(users.get(new UserId("a")).groups()));
    }

    @Test
    void removing_an_unknown_group_is_not_found() {
        NotFound e = assertThrows(NotFound.class, () -> groups.remove(admins));
        assertEquals("group-not-found", e.code());
    }
}

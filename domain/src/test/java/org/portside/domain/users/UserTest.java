package org.portside.domain.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.portside.domain.shared.Invalid;

class UserTest {

    @Test
    void groups_are_sorted_and_unique_whatever_order_they_come_in() {
        User user = User.of(new UserId("jsmith"), new PersonName("Joe"), new PersonName("Smith"),
                List.of(new GroupName("users"), new GroupName("admins"), new GroupName("users")));
        assertEquals(List.of("admins", "users"), user.groups().stream().map(GroupName::value).toList());
    }

    @Test
    void groups_cannot_be_changed_behind_the_users_back() {
        TreeSet<GroupName> groups = new TreeSet<>(List.of(new GroupName("admins")));
        User user = new User(new UserId("jsmith"), new PersonName("Joe"), new PersonName("Smith"), groups);
        groups.add(new GroupName("users"));
        assertEquals(1, user.groups().size());
        assertThrows(UnsupportedOperationException.class, () -> user.groups().add(new GroupName("x")));
    }

    @Test
    void names_must_not_be_blank() {
        assertThrows(Invalid.class, () -> new PersonName("  "));
        assertThrows(Invalid.class, () -> new PersonName(null));
    }

    @Test
    void names_are_limited_in_characters_not_bytes() {
        assertEquals(256, new PersonName("é".repeat(256)).value().length());
        assertThrows(Invalid.class, () -> new PersonName("x".repeat(257)));
    }

    @Test
    void group_members_are_sorted() {
        Group group = Group.of(new GroupName("g"), List.of(new UserId("b"), new UserId("a")));
        assertEquals(List.of("a", "b"), group.members().stream().map(UserId::value).toList());
    }
}

package org.portside.domain.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portside.domain.shared.Invalid;

class UserIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"jsmith", "J.Smith_2-x", "a", "0123456789012345678901234567890123456789012345678901234567890123"})
    void accepts_identifier_shaped_values(String value) {
        assertEquals(value, new UserId(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "j smith", "jsmith/", "jürgen", "a@b",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void rejects_values_outside_the_identifier_shape(String value) {
        Invalid e = assertThrows(Invalid.class, () -> new UserId(value));
        assertEquals("userid", e.violations().get(0).field());
    }

    @Test
    void rejects_null_as_missing() {
        Invalid e = assertThrows(Invalid.class, () -> new UserId(null));
        assertEquals("is required", e.violations().get(0).detail());
    }

    @Test
    void group_names_follow_the_same_rule_under_their_own_field_name() {
        Invalid e = assertThrows(Invalid.class, () -> new GroupName("bad name"));
        assertEquals("name", e.violations().get(0).field());
    }
}

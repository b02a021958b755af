package org.portside.domain.guids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portside.domain.shared.Invalid;

class GuidTest {

    @Test
    void accepts_32_uppercase_hex_digits() {
        assertEquals("9094E4C980C74043A4B586B420E69DDF", new Guid("9094E4C980C74043A4B586B420E69DDF").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"9094e4c980c74043a4b586b420e69ddf", "9094E4C980C74043A4B586B420E69DD",
            "9094E4C980C74043A4B586B420E69DDF0", "9094E4C9-80C7-4043-A4B5-86B420E69DDF", "G094E4C980C74043A4B586B420E69DDF",
            "Z094E4C980C74043A4B586B420E69DDF", " 094E4C980C74043A4B586B420E69DDF", ""})
    void rejects_anything_else_and_says_why(String value) {
        Invalid e = assertThrows(Invalid.class, () -> new Guid(value));
        assertEquals("guid", e.violations().get(0).field());
    }

    /** The published PATTERN and the constructor's check are one rule: they agree on every character at every place, and on every length. */
    @Test
    void the_check_is_the_published_pattern() {
        java.util.regex.Pattern published = java.util.regex.Pattern.compile(Guid.PATTERN);
        String valid = "9094E4C980C74043A4B586B420E69DDF";
        for (int at : new int[] {0, 1, 15, 30, 31}) {
            for (char c = 0; c < 0x250; c++) {
                String candidate = valid.substring(0, at) + c + valid.substring(at + 1);
                assertEquals(published.matcher(candidate).matches(), Guid.hasShape(candidate), "'" + c + "' (" + (int) c + ") at " + at);
            }
        }
        for (int length = 0; length <= 40; length++) {
            String candidate = "A".repeat(length);
            assertEquals(published.matcher(candidate).matches(), Guid.hasShape(candidate), "length " + length);
        }
    }

    @Test
    void lowercase_is_named_as_the_problem() {
        Invalid e = assertThrows(Invalid.class, () -> new Guid("9094e4c980c74043a4b586b420e69ddf"));
        assertTrue(e.violations().get(0).detail().contains("lowercase"));
    }

    @Test
    void a_uuid_becomes_its_32_hex_digits() {
        UUID uuid = UUID.fromString("9094e4c9-80c7-4043-a4b5-86b420e69ddf");
        assertEquals("9094E4C980C74043A4B586B420E69DDF", Guid.of(uuid).value());
        assertEquals("0000000000000001000000000000000F", Guid.of(new UUID(1, 15)).value());
    }

    @Test
    void expiry_is_bounded_by_zero_and_year_9999() {
        assertThrows(Invalid.class, () -> new Expiry(-1));
        assertThrows(Invalid.class, () -> new Expiry(Expiry.MAX + 1));
        assertEquals(Expiry.MAX, new Expiry(Expiry.MAX).epochSecond());
    }

    @Test
    void a_guid_is_expired_from_its_expiry_second_on() {
        Expiry expiry = new Expiry(1_000);
        assertFalse(expiry.hasPassedAt(Instant.ofEpochSecond(999, 999_999_999)));
        assertTrue(expiry.hasPassedAt(Instant.ofEpochSecond(1_000)));
        assertThrows(Invalid.class, () -> expiry.requireFutureOf(Instant.ofEpochSecond(1_000)));
    }

    @Test
    void owner_is_non_blank_and_at_most_256_characters() {
        assertThrows(Invalid.class, () -> new Owner(" "));
        assertThrows(Invalid.class, () -> new Owner("x".repeat(257)));
        assertEquals(256, new Owner("😀".repeat(256)).value().codePointCount(0, 512));
    }

    @Test
    void a_change_touches_only_the_fields_it_carries() {
        GuidRecord record = new GuidRecord(Guid.of(UUID.randomUUID()), new Expiry(5_000), new Owner("Cylance, Inc."));
        GuidRecord changed = record.change(Optional.of(new Expiry(6_000)), Optional.empty());
        assertEquals(6_000, changed.expire().epochSecond());
        assertEquals("Cylance, Inc.", changed.owner().value());
        assertEquals(record, record.change(Optional.empty(), Optional.empty()));
    }
}

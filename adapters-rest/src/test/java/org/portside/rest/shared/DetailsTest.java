package org.portside.rest.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DetailsTest {

    @Test
    void short_text_is_quoted_whole() {
        assertEquals("2026-12-01", Details.clip("2026-12-01"));
    }

    @Test
    void long_text_is_cut_at_a_code_point_never_inside_a_surrogate_pair() {
        String text = "a".repeat(39) + "😀x";  // the emoji is code point 40, two UTF-16 units
        assertEquals("a".repeat(39) + "😀…", Details.clip(text));
        assertEquals(text, Details.clip(text, 41));
    }
}

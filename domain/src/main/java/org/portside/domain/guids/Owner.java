package org.portside.domain.guids;

import org.portside.domain.shared.Text;

/** Who a GUID belongs to (the API's {@code user} field): non-blank text of at most 256 characters. */
public record Owner(String value) {

    public static final int MAX_LENGTH = 256;

    public Owner {
        Text.requireNonBlank(value, "user", MAX_LENGTH);
    }
}

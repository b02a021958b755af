package org.portside.domain.tasks;

import org.portside.domain.shared.Require;
import org.portside.domain.shared.Text;

/** A task's optional title: any text of at most 256 characters. */
public record Title(String value) {

    public static final int MAX_LENGTH = 256;

    public Title {
        Require.nonNull(value, "value");
        Text.requireAtMost(value, "title", MAX_LENGTH);
    }
}

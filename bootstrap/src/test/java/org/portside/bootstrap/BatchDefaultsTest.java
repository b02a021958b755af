package org.portside.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portside.application.shared.Batches;

/** The batch settings' defaults are what README's configuration table says they are. */
class BatchDefaultsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"READ", "WRITE"})
    void the_readme_states_the_defaults_portside_runs_with(String kind) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher row = Pattern.compile("\\| `PORTSIDE_DATABASE_" + kind + "_BATCH` / `_" + kind
                + "_DRAINS` \\| `(\\d+)` / `(\\d+)` \\|").matcher(readme);
        assertTrue(row.find(), "README has no row for PORTSIDE_DATABASE_" + kind + "_BATCH");

        UseCaseFactory factory = new UseCaseFactory();
        Batches.Limits unset = kind.equals("READ") ? factory.readBatches(null, null, 10_000)
                : factory.writeBatches(null, null, 10_000);

        assertEquals(Integer.parseInt(row.group(1)), unset.maxBatch(), kind + " batch");
        assertEquals(Integer.parseInt(row.group(2)), unset.maxDrains(), kind + " drains");
    }
}

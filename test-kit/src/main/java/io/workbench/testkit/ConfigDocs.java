package io.workbench.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.config.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks that configuration keys are documented, with their doc line and default, in the example file. */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    public static void assertDocumented(List<ConfigKey<?>> keys) throws IOException {
        Path example = Path.of(System.getProperty("workbench.repo", "..")).resolve("conf/workbench.example.properties");
        String text = Files.readString(example);
        for (ConfigKey<?> key : keys) {
            Object def = key.defaultValue();
            String line = "#" + key.name() + "=" + (def == null ? "" : def.toString());
            assertTrue(text.contains(line + "\n"), example + " lacks the line '" + line + "'");
            assertTrue(text.contains("# " + key.doc()), example + " lacks the doc of " + key.name() + ": " + key.doc());
        }
    }
}

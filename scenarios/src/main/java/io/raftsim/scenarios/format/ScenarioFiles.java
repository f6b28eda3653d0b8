package io.raftsim.scenarios.format;

import io.raftsim.reports.io.InputFiles;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * Scenario files as inputs: a regular file (a FIFO or a device is refused before it is
 * opened), read with a bound on the bytes actually read ({@code /dev/zero} says it has none
 * and never ends), strict UTF-8; then {@link ScenarioReader} parses and validates.
 */
public final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /** The file as a JSON object tree (for {@code --set} overrides before validation). */
    public static ObjectNode readTree(Path file) {
        String source = file.toString();
        try {
            return ScenarioReader.parseTree(InputFiles.readText(file, ScenarioReader.MAX_FILE_BYTES), source);
        } catch (InputFiles.Unreadable e) {
            throw ScenarioException.at(source, "", e.getMessage());
        }
    }

    /** Reads and validates a scenario file. */
    public static Scenario read(Path file) {
        return ScenarioReader.fromTree(readTree(file), file.toString());
    }
}

package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.format.ScenarioException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Output files are checked before a run, not after it: a sweep of ten thousand seeds must not
 * end in "cannot write". A path is fine when it is not a directory and its directory exists
 * (or can be made) and is writable.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** Returns {@code path} when it can be written, else throws a one-line error naming {@code option}. */
    static Path check(Path path, String option) {
        if (path == null) {
            return null;
        }
        Path absolute = path.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new ScenarioException(option + ": " + path + " is a directory; give a file name");
        }
        Path directory = absolute.getParent();
        try {
            if (directory != null) {
                Files.createDirectories(directory);
            }
        } catch (IOException | SecurityException e) {
            throw new ScenarioException(option + ": cannot create the directory of " + path + " (" + e.getMessage() + ")");
        }
        if (directory != null && !Files.isWritable(directory)) {
            throw new ScenarioException(option + ": the directory of " + path + " is not writable");
        }
        return path;
    }

    /** A default output file named after a scenario, safe whatever the scenario's name holds. */
    static Path named(String prefix, String scenarioName, long seed) {
        String safe = scenarioName.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            return Path.of(prefix + "-" + (safe.isEmpty() ? "scenario" : safe) + "-" + seed + ".json");
        } catch (InvalidPathException e) {
            return Path.of(prefix + "-" + seed + ".json");
        }
    }
}

package io.raftsim.scenarios.cli;

import io.raftsim.reports.io.AtomicFile;
import io.raftsim.reports.io.FileKind;
import io.raftsim.scenarios.format.ScenarioException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Output files are checked before a run, not after it: a sweep of ten thousand seeds must not
 * end in "cannot write". A path is fine when it is {@code -} (standard output), a special
 * file that can be written (a device such as {@code /dev/null}, a FIFO), or a regular or new
 * file whose directory exists (or can be made) and is writable; a symbolic link is judged by
 * what it leads to. And no output may be an input or another output (README, "Outputs").
 */
final class OutputPaths {
    /** An input or output file of a command, and the option (or parameter) that names it. */
    record Named(String option, Path path) {
    }

    private OutputPaths() {
    }

    /** Returns {@code path} when it can be written, else throws a one-line error naming {@code option}. */
    static Path check(Path path, String option) {
        if (path == null || AtomicFile.isStandardOutput(path)) {
            return path;
        }
        FileKind kind = FileKind.of(path);
        if (kind == FileKind.DIRECTORY) {
            throw new ScenarioException(option + ": " + path + " is a directory; give a file name");
        }
        if (kind.special()) {
            if (!Files.isWritable(path)) {
                throw new ScenarioException(option + ": " + path + " is " + kind.description() + " that is not writable");
            }
            return path;
        }
        Path directory;
        try {
            directory = AtomicFile.followLinks(path).getParent();
        } catch (IOException | SecurityException e) {
            throw new ScenarioException(option + ": cannot resolve " + path + " (" + e.getMessage() + ")");
        }
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

    /**
     * Refuses an output that is one of the inputs (it would be destroyed, with exit 0) or
     * another output (one would clobber the other). The same special file twice is fine:
     * {@code --trace /dev/null --html /dev/null} discards both. Null paths are absent options.
     */
    static void requireDistinct(List<Named> inputs, List<Named> outputs) {
        for (int i = 0; i < outputs.size(); i++) {
            Named output = outputs.get(i);
            if (output.path() == null) {
                continue;
            }
            for (Named input : inputs) {
                if (input.path() != null && sameFile(output.path(), input.path())) {
                    throw new ScenarioException(output.option() + ": " + output.path() + " is also the " + input.option()
                            + " it reads; an output never replaces an input, give another file");
                }
            }
            for (int j = 0; j < i; j++) {
                Named other = outputs.get(j);
                if (other.path() == null || !sameFile(output.path(), other.path())) {
                    continue;
                }
                if (AtomicFile.isStandardOutput(output.path())) {
                    throw new ScenarioException(output.option() + ": - is also the " + other.option() + " output; only one output can go to standard output");
                }
                if (!FileKind.of(output.path()).special()) {
                    throw new ScenarioException(output.option() + ": " + output.path() + " is also the " + other.option() + " file; give two files");
                }
            }
        }
    }

    /** True when one output is {@code -}: then the command's own text goes to standard error. */
    static boolean anyStandardOutput(Path... outputs) {
        for (Path output : outputs) {
            if (output != null && AtomicFile.isStandardOutput(output)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two paths name the same file: the same inode when both exist (links included), else the same place. */
    static boolean sameFile(Path a, Path b) {
        boolean aStandard = AtomicFile.isStandardOutput(a);
        if (aStandard || AtomicFile.isStandardOutput(b)) {
            return aStandard && AtomicFile.isStandardOutput(b);
        }
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException | SecurityException e) {
            // Fall back to comparing where the paths point.
        }
        return place(a).equals(place(b));
    }

    /** The absolute path through symbolic links, its directory's included (the file itself may not exist yet). */
    private static Path place(Path path) {
        Path absolute;
        try {
            absolute = AtomicFile.followLinks(path);
        } catch (IOException | SecurityException e) {
            absolute = path.toAbsolutePath().normalize();
        }
        Path parent = absolute.getParent();
        if (parent == null) {
            return absolute;
        }
        try {
            return parent.toRealPath().resolve(absolute.getFileName());
        } catch (IOException | SecurityException e) {
            return absolute;
        }
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

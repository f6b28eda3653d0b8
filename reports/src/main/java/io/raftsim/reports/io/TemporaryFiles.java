package io.raftsim.reports.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every temporary file an output is being written to, so that none outlives the process:
 * a file is registered when it is created and released when it is renamed into place or
 * deleted; whatever is still registered when the JVM shuts down (the end of {@code main},
 * ^C, SIGTERM) is deleted by a shutdown hook. SIGKILL and a power cut run no hook: then the
 * hidden {@code .NAME*.tmp} beside the output remains, named after it.
 *
 * <p>The command line is single-threaded apart from a sweep's workers, which write no files;
 * the lock is for the shutdown hook, which runs on a thread of its own.
 */
public final class TemporaryFiles {
    private static final TemporaryFiles PROCESS = new TemporaryFiles();

    private final Set<Path> files = new LinkedHashSet<>();
    private boolean hookInstalled;
    private boolean shutDown;

    /** A registry of its own, for tests; the command line uses {@link #process()}. */
    TemporaryFiles() {
    }

    /** The registry whose files the JVM's shutdown deletes. */
    public static TemporaryFiles process() {
        return PROCESS;
    }

    /**
     * Registers a file to delete at shutdown. After shutdown began, the file is deleted at
     * once and the caller told: an output must not start while the process is ending.
     */
    public synchronized void register(Path file) throws IOException {
        if (shutDown) {
            Files.deleteIfExists(file);
            throw new IOException("the process is shutting down");
        }
        if (this == PROCESS && !hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::deleteAll, "raftsim-temporary-files"));
            hookInstalled = true;
        }
        files.add(file);
    }

    /** The file was renamed into place or deleted: nothing to clean up any more. */
    public synchronized void release(Path file) {
        files.remove(file);
    }

    /** Deletes a registered file now and forgets it. */
    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Left for the shutdown hook, which tries again.
            return;
        }
        release(file);
    }

    /** Files registered and not yet released, in order of registration. */
    public synchronized List<Path> pending() {
        return List.copyOf(files);
    }

    /** What the shutdown hook runs: deletes every registered file; later registrations are refused. */
    public synchronized void deleteAll() {
        shutDown = true;
        List<Path> left = new ArrayList<>(files);
        for (Path file : left) {
            try {
                Files.deleteIfExists(file);
                files.remove(file);
            } catch (IOException ignored) {
                // Nothing more can be done while the process ends; the name says what it was.
            }
        }
    }
}

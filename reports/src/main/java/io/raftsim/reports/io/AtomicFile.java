package io.raftsim.reports.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An output file that appears whole or not at all: everything is written to a temporary
 * file beside the target, which replaces the target only on {@link #commit()}. A run that
 * dies half-way leaves the previous file (or none) in place, never a truncated one.
 */
public final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final Writer writer;
    private boolean done;

    private AtomicFile(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path directory = this.target.getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        this.temporary = Files.createTempFile(directory, "." + this.target.getFileName(), ".tmp");
        try {
            // Temporary files are private; the output a user asked for is readable like any other file.
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // Elsewhere the platform's default permissions apply.
        }
        OutputStream stream = Files.newOutputStream(temporary);
        this.writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Opens a temporary file beside {@code target}; nothing is visible at {@code target} until {@link #commit()}. */
    public static AtomicFile open(Path target) {
        try {
            return new AtomicFile(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code content} to {@code target} atomically. */
    public static void write(Path target, String content) {
        try (AtomicFile file = open(target)) {
            file.writer().write(content);
            file.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public Writer writer() {
        return writer;
    }

    /** Flushes, closes and moves the temporary file over the target. */
    public void commit() {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Without a commit, discards the temporary file and leaves the target as it was. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
        } catch (IOException ignored) {
            // The file is being discarded; a failed close changes nothing the user sees.
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // A stray temporary file is harmless and named after its target.
        }
    }
}

package io.raftsim.reports.io;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An output file, written by the rules of the README's "Outputs" section:
 * <ul>
 *   <li>a regular file (or a new one) appears whole or not at all: everything goes to a
 *       hidden temporary file beside it, which replaces it only on {@link #commit()}; a run
 *       that fails or is interrupted leaves the previous file (or none) and no temporary
 *       file ({@link TemporaryFiles} deletes it at shutdown);</li>
 *   <li>a special file (a device such as {@code /dev/null}, a FIFO, a socket) is written in
 *       place, never replaced: renaming over it would turn it into a regular file;</li>
 *   <li>{@code -} is standard output, written in place;</li>
 *   <li>a symbolic link is followed, even to a file that does not exist yet: the file it
 *       leads to is written by the rules above and the link stays a link.</li>
 * </ul>
 */
public final class AtomicFile implements AutoCloseable {
    /** The name that means standard output. */
    public static final String STANDARD_OUTPUT = "-";
    /** Linux's own bound on a chain of symbolic links (ELOOP). */
    private static final int MAX_LINK_HOPS = 40;

    /** Where the output goes: the path given, or for a regular file the file its links lead to. */
    private final Path target;
    /** The path as the user gave it, for messages. */
    private final Path given;
    /** Null when the output is written in place. */
    private final Path temporary;
    private final Writer writer;
    private final TemporaryFiles temporaryFiles;
    private boolean done;

    private AtomicFile(Path given, Path target, Path temporary, OutputStream stream, TemporaryFiles temporaryFiles) {
        this.given = given;
        this.target = target;
        this.temporary = temporary;
        this.temporaryFiles = temporaryFiles;
        this.writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    /** True when {@code target} is standard output or a special file: written in place, so it cannot be read back as a file. */
    public static boolean inPlace(Path target) {
        return isStandardOutput(target) || FileKind.of(target).special();
    }

    public static boolean isStandardOutput(Path target) {
        return target.toString().equals(STANDARD_OUTPUT);
    }

    /** Opens {@code target} for writing; nothing is visible at a regular file's path until {@link #commit()}. */
    public static AtomicFile open(Path target) {
        return open(target, TemporaryFiles.process());
    }

    static AtomicFile open(Path target, TemporaryFiles temporaryFiles) {
        try {
            if (isStandardOutput(target)) {
                return new AtomicFile(target, target, null, new KeptOpen(System.out), temporaryFiles);
            }
            FileKind kind = FileKind.of(target);
            if (kind == FileKind.DIRECTORY) {
                throw new IOException("is a directory");
            }
            if (kind.special()) {
                // Opened without CREATE or TRUNCATE: a device or a pipe is written to, never made or emptied.
                return new AtomicFile(target, target, null, Files.newOutputStream(target, StandardOpenOption.WRITE), temporaryFiles);
            }
            Path place = placeOf(target, kind);
            Path directory = place.getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            Path temporary = Files.createTempFile(directory, "." + place.getFileName(), ".tmp");
            temporaryFiles.register(temporary);
            try {
                try {
                    // Temporary files are private; the output a user asked for is readable like any other file.
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException notPosix) {
                    // Elsewhere the platform's default permissions apply.
                }
                return new AtomicFile(target, place, temporary, Files.newOutputStream(temporary), temporaryFiles);
            } catch (IOException | RuntimeException e) {
                temporaryFiles.delete(temporary);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + message(e), e);
        }
    }

    /** Where a regular file goes: through symbolic links, so that a link is never replaced by a file. */
    private static Path placeOf(Path target, FileKind kind) throws IOException {
        return kind == FileKind.REGULAR ? target.toAbsolutePath().toRealPath() : followLinks(target);
    }

    /**
     * The path a chain of symbolic links leads to, even when the file at its end does not exist
     * yet (so that {@code ln -s real.html page.html; --html page.html} writes {@code real.html}).
     */
    public static Path followLinks(Path target) throws IOException {
        Path place = target.toAbsolutePath().normalize();
        for (int hops = 0; Files.isSymbolicLink(place); hops++) {
            if (hops == MAX_LINK_HOPS) {
                throw new IOException("more than " + MAX_LINK_HOPS + " symbolic links in a row");
            }
            place = place.resolveSibling(Files.readSymbolicLink(place)).normalize();
        }
        return place;
    }

    /** Writes {@code content} to {@code target} by the rules above. */
    public static void write(Path target, String content) {
        try (AtomicFile file = open(target)) {
            file.writer().write(content);
            file.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + message(e), e);
        }
    }

    public Writer writer() {
        return writer;
    }

    /** Flushes and closes; a regular file's temporary file then replaces the target. On failure no temporary file is left. */
    public void commit() {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
            if (temporary != null) {
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
                temporaryFiles.release(temporary);
            }
        } catch (IOException e) {
            if (temporary != null) {
                temporaryFiles.delete(temporary);
            }
            throw new UncheckedIOException("cannot write " + given + ": " + message(e), e);
        }
    }

    /** Without a commit, discards the temporary file and leaves the target as it was (what went to a special file stays sent). */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
        } catch (IOException ignored) {
            // The output is being discarded; a failed close changes nothing the user sees.
        }
        if (temporary != null) {
            temporaryFiles.delete(temporary);
        }
    }

    private static String message(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Standard output is flushed, never closed, and its errors (which {@link PrintStream} swallows) are reported. */
    private static final class KeptOpen extends FilterOutputStream {
        private final PrintStream stream;

        KeptOpen(PrintStream stream) {
            super(stream);
            this.stream = stream;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            stream.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            stream.flush();
            if (stream.checkError()) {
                throw new IOException("standard output is closed or full");
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

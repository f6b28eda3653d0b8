package io.raftsim.reports.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What is at a path, following symbolic links: the output and input rules differ by kind. */
public enum FileKind {
    MISSING("nothing"),
    REGULAR("a regular file"),
    DIRECTORY("a directory"),
    FIFO("a FIFO (named pipe)"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"),
    SOCKET("a socket"),
    OTHER("a special file");

    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_FIFO = 0010000;
    private static final int TYPE_CHARACTER = 0020000;
    private static final int TYPE_BLOCK = 0060000;
    private static final int TYPE_SOCKET = 0140000;

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Special files are written and read in place, never replaced. */
    public boolean special() {
        return this != MISSING && this != REGULAR && this != DIRECTORY;
    }

    /** Looks at {@code path} without opening it (opening a FIFO would block). */
    public static FileKind of(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            return MISSING;
        }
        if (attributes.isRegularFile()) {
            return REGULAR;
        }
        if (attributes.isDirectory()) {
            return DIRECTORY;
        }
        try {
            // The "unix" attribute view exists on Linux and macOS JDKs; elsewhere the kind stays unnamed.
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return switch (mode & TYPE_MASK) {
                case TYPE_FIFO -> FIFO;
                case TYPE_CHARACTER -> CHARACTER_DEVICE;
                case TYPE_BLOCK -> BLOCK_DEVICE;
                case TYPE_SOCKET -> SOCKET;
                default -> OTHER;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return OTHER;
        }
    }
}

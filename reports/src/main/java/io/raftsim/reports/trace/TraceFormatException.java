package io.raftsim.reports.trace;

import java.nio.file.Path;

/** A trace file that is not a valid trace: the message is one line naming the file, line, field and value. */
public final class TraceFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long lineNumber;

    public TraceFormatException(Path file, long lineNumber, String problem) {
        super(file + " line " + lineNumber + ": " + oneLine(problem));
        this.file = file;
        this.lineNumber = lineNumber;
    }

    public Path file() {
        return file;
    }

    public long lineNumber() {
        return lineNumber;
    }

    /** Cuts a value quoted in a message to a readable length and to one line. */
    static String shorten(String value) {
        String flat = oneLine(value);
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}

package io.raftsim.reports.trace;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a bound of characters. A longer line is reported as soon as the
 * bound is passed, so a malformed file with a 100 MB line never costs 100 MB of memory.
 */
final class BoundedLineReader implements AutoCloseable {
    /** Thrown when a line exceeds the bound; the rest of the line is not read. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(int maxChars) {
            super("line longer than " + maxChars + " characters");
        }
    }

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;
    private boolean endOfInput;

    BoundedLineReader(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line without its line terminator ({@code \n} or {@code \r\n}), or null at the end of input. */
    String readLine() throws IOException {
        line.setLength(0);
        boolean sawAny = false;
        while (true) {
            if (position == limit) {
                if (endOfInput || !fill()) {
                    return sawAny ? finish() : null;
                }
            }
            sawAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (line.length() + (position - start) > maxChars) {
                throw new LineTooLongException(maxChars);
            }
            line.append(buffer, start, position - start);
            if (position < limit) {
                position++; // the '\n'
                return finish();
            }
        }
    }

    private String finish() {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        return line.toString();
    }

    private boolean fill() throws IOException {
        int read = reader.read(buffer, 0, buffer.length);
        if (read <= 0) {
            endOfInput = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

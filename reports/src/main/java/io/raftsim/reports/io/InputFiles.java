package io.raftsim.reports.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Input files (scenarios, traces, sweep summaries) are regular files, read with a bound on
 * the bytes actually read. The file type is checked before the file is opened: opening a
 * FIFO blocks until a writer appears, and {@code /dev/zero} reports a size of 0 while it
 * never ends, so neither the open nor {@code stat}'s size can be trusted for them. A
 * symbolic link is followed: what counts is the file it leads to.
 */
public final class InputFiles {
    /** Why an input cannot be read: one line, without the file name (the caller names file and field). */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unreadable(String problem) {
            super(problem);
        }
    }

    private InputFiles() {
    }

    /** Throws unless {@code file} (after symbolic links) is a regular file; never opens it. */
    public static void requireRegular(Path file) throws Unreadable {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such file");
        } catch (IOException | SecurityException e) {
            throw new Unreadable("cannot read: " + e.getMessage());
        }
        if (attributes.isDirectory()) {
            throw new Unreadable("is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new Unreadable("is " + FileKind.of(file).description() + ", not a regular file; give a file");
        }
    }

    /** The whole file as UTF-8 text, refusing other file types, more than {@code maxBytes} bytes or malformed UTF-8. */
    public static String readText(Path file, long maxBytes) throws Unreadable {
        requireRegular(file);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = readAtMost(in, maxBytes);
        } catch (IOException e) {
            throw new Unreadable("cannot read: " + e.getMessage());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("is not UTF-8 text");
        }
    }

    /** Reads to the end, but never more than {@code maxBytes}: a longer input is refused as soon as it passes the bound. */
    static byte[] readAtMost(InputStream in, long maxBytes) throws IOException, Unreadable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            total += read;
            if (total > maxBytes) {
                throw new Unreadable("is more than the " + maxBytes + " bytes this input may have");
            }
            bytes.write(buffer, 0, read);
        }
        return bytes.toByteArray();
    }
}

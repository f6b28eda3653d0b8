package io.raftsim.reports.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cleanup mechanism behind "nothing left behind": every temporary file is registered
 * while it exists and deleted by what the shutdown hook runs ({@link TemporaryFiles#deleteAll}),
 * which ^C and SIGTERM trigger; a failed commit leaves none.
 */
class AtomicFileTest {
    @TempDir
    Path directory;

    @Test
    void aTemporaryFileIsRegisteredWhileOpenAndReleasedOnCommit() throws IOException {
        TemporaryFiles registry = new TemporaryFiles();
        Path target = directory.resolve("out.txt");
        AtomicFile file = AtomicFile.open(target, registry);
        file.writer().write("hello");
        assertEquals(1, registry.pending().size(), "the temporary file is registered");
        Path temporary = registry.pending().get(0);
        assertTrue(Files.exists(temporary) && temporary.getFileName().toString().startsWith(".out.txt"), temporary.toString());
        assertFalse(Files.exists(target), "nothing at the target before the commit");
        file.commit();
        assertEquals(List.of(), registry.pending());
        assertEquals("hello", Files.readString(target));
        assertEquals(List.of(target), files(), "only the target is left");
    }

    @Test
    void theShutdownHookDeletesWhatAnInterruptedRunWasWriting() throws IOException {
        TemporaryFiles registry = new TemporaryFiles();
        Path target = directory.resolve("trace.jsonl");
        Files.writeString(target, "the previous trace");
        AtomicFile file = AtomicFile.open(target, registry);
        file.writer().write("half a trace");
        file.writer().flush();
        registry.deleteAll(); // what ^C or SIGTERM runs
        assertEquals(List.of(target), files(), "no temporary file is left");
        assertEquals("the previous trace", Files.readString(target), "the previous file stays whole");
        assertThrows(UncheckedIOException.class, () -> AtomicFile.open(directory.resolve("late.txt"), registry),
                "no output starts while the process ends");
        assertEquals(List.of(target), files(), "and none is left by the refused one");
    }

    @Test
    void aCommitThatFailsLeavesNoTemporaryFile() throws IOException {
        TemporaryFiles registry = new TemporaryFiles();
        Path target = directory.resolve("busy");
        AtomicFile file = AtomicFile.open(target, registry);
        file.writer().write("x");
        Files.createDirectories(target.resolve("inside")); // a non-empty directory cannot be replaced by a file
        assertThrows(UncheckedIOException.class, file::commit);
        assertEquals(List.of(), registry.pending());
        assertEquals(List.of(target), files(), "the temporary file was deleted");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
        Path real = directory.resolve("real.txt");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(directory.resolve("link.txt"), real.getFileName());
        AtomicFile.write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void inputsAreBoundedByWhatIsReadNotByWhatStatSays() throws Exception {
        byte[] small = "{\"a\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertArrayEquals(small, InputFiles.readAtMost(new ByteArrayInputStream(small), 100));
        InputFiles.Unreadable tooLong = assertThrows(InputFiles.Unreadable.class,
                () -> InputFiles.readAtMost(new ByteArrayInputStream(new byte[1 << 20]), 1000));
        assertTrue(tooLong.getMessage().contains("1000 bytes"), tooLong.getMessage());

        assertTrue(assertThrows(InputFiles.Unreadable.class, () -> InputFiles.readText(directory, 10))
                .getMessage().contains("directory"));
        assertTrue(assertThrows(InputFiles.Unreadable.class, () -> InputFiles.readText(directory.resolve("missing"), 10))
                .getMessage().contains("no such file"));
        Path latin1 = directory.resolve("latin1.json");
        Files.write(latin1, new byte[] {'"', (byte) 0xe9, '"'});
        assertTrue(assertThrows(InputFiles.Unreadable.class, () -> InputFiles.readText(latin1, 10)).getMessage().contains("UTF-8"));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.sorted().toList();
        }
    }
}

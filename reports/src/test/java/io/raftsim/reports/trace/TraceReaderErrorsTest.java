package io.raftsim.reports.trace;

import io.raftsim.reports.TraceFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceReaderErrorsTest {
    @TempDir
    Path dir;
    private List<String> lines;

    @BeforeEach
    void writeAGoodTrace() throws IOException {
        Path good = dir.resolve("good.jsonl");
        TraceFixtures.writeTrace(good, 2, "fixture");
        lines = new ArrayList<>(Files.readAllLines(good, StandardCharsets.UTF_8));
    }

    private TraceFormatException readBroken(List<String> content) throws IOException {
        Path path = dir.resolve("broken.jsonl");
        Files.write(path, content, StandardCharsets.UTF_8);
        TraceFormatException error = assertThrows(TraceFormatException.class, () -> TraceReader.validate(path));
        assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage());
        assertTrue(error.getMessage().startsWith(path.toString()), error.getMessage());
        return error;
    }

    @Test
    void aRefusalWithAnUnknownReasonNamesFieldAndValue() throws IOException {
        lines.add(2, "{\"type\":\"refuse\",\"step\":1,\"t\":0,\"node\":0,\"candidate\":1,\"term\":1,\"preVote\":false,\"reason\":\"BORED\"}");
        TraceFormatException error = readBroken(lines);
        assertTrue(error.getMessage().contains("line 3: field 'reason' has unknown value 'BORED'"), error.getMessage());
    }

    @Test
    void truncatedTraceNamesTheMissingFooter() throws IOException {
        List<String> cut = lines.subList(0, lines.size() - 1);
        TraceFormatException error = readBroken(cut);
        assertTrue(error.getMessage().contains("without a footer"), error.getMessage());
        assertEquals(cut.size(), error.lineNumber());
    }

    @Test
    void wrongVersionNamesFieldAndValue() throws IOException {
        lines.set(0, lines.get(0).replace("\"version\":1", "\"version\":7"));
        TraceFormatException error = readBroken(lines);
        assertTrue(error.getMessage().contains("line 1: field 'version' is 7"), error.getMessage());
    }

    @Test
    void notJsonNamesTheLine() throws IOException {
        lines.set(3, "this is not json");
        TraceFormatException error = readBroken(lines);
        assertTrue(error.getMessage().contains("line 4: not JSON"), error.getMessage());
    }

    @Test
    void unknownEventTypeNamesTheValue() throws IOException {
        lines.set(5, lines.get(5).replaceFirst("\"type\":\"[a-z]+\"", "\"type\":\"teleport\""));
        TraceFormatException error = readBroken(lines);
        assertTrue(error.getMessage().contains("line 6: field 'type' has unknown value 'teleport'"), error.getMessage());
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        lines.set(2, lines.get(2).replaceFirst("\"step\":\\d+,", ""));
        TraceFormatException error = readBroken(lines);
        assertTrue(error.getMessage().contains("line 3: missing field 'step'"), error.getMessage());
    }

    @Test
    void contentAfterTheFooterIsRejected() throws IOException {
        lines.add(lines.get(2));
        TraceFormatException error = readBroken(lines);
        assertTrue(error.getMessage().contains("after the footer"), error.getMessage());
    }

    @Test
    void missingFileIsOneLine() {
        Path missing = dir.resolve("nope.jsonl");
        TraceFormatException error = assertThrows(TraceFormatException.class, () -> TraceReader.open(missing));
        assertTrue(error.getMessage().contains("no such file"), error.getMessage());
    }

    @Test
    void overlongLineIsRejectedWithoutReadingItWhole() throws IOException {
        Path path = dir.resolve("long.jsonl");
        try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            writer.write(lines.get(0));
            writer.write('\n');
            writer.write("{\"type\":\"note\",\"text\":\"");
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 40; i++) { // 2.6 M characters against a bound of 1 M
                writer.write(chunk);
            }
            writer.write("\"}\n");
        }
        try (TraceReader reader = TraceReader.open(path, 1 << 20)) {
            TraceFormatException error = assertThrows(TraceFormatException.class, reader::next);
            assertTrue(error.getMessage().contains("line 2: line longer than 1048576 characters"), error.getMessage());
        }
    }
}

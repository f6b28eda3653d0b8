package io.raftsim.scenarios.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-input test of {@code MutatedScenarioProperties}, for traces: a recorded trace
 * with lines deleted, repeated, blanked, cut, edited or appended after the footer goes to
 * both {@code report} and {@code replay}. Each answers with a verdict or with one line and
 * exit code 2; and, since both read with the one strict {@code TraceReader}, a file that
 * {@code report} rejects {@code replay} rejects too (and never calls it a difference).
 */
class MutatedTraceProperties {
    private static final String[] SNIPPETS = {"", " ", "{}", "[]", "null", "\"x\"", "{\"type\":\"frobnicate\",\"step\":1,\"t\":0}",
            "{\"type\":\"footer\"}", "-1", "9223372036854775808", "\"type\"", ",", "}", "\\u0000"};

    private static Path directory;
    private static List<String> recorded;

    @BeforeContainer
    static void record() throws IOException {
        directory = Files.createTempDirectory("mutated-traces");
        Path trace = directory.resolve("recorded.jsonl");
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", "election-basic", "--set", "durationMs=600", "--trace", trace.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(ExitCode.PASSED, code, err.toString());
        recorded = Files.readAllLines(trace, StandardCharsets.UTF_8);
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Property(tries = 150)
    void reportAndReplayAgreeOnEveryMutatedTrace(@ForAll("mutations") Mutation mutation) throws IOException {
        Path file = directory.resolve("mutated.jsonl");
        Files.write(file, mutation.apply(recorded), StandardCharsets.UTF_8);
        Answer report = raftsim("report", file.toString(), "--html", directory.resolve("page.html").toString());
        Answer replay = raftsim("replay", file.toString());
        assertTrue(report.code() == ExitCode.PASSED || report.code() == ExitCode.BAD_INPUT, "report: " + report);
        assertTrue(replay.code() == ExitCode.PASSED || replay.code() == ExitCode.VIOLATION || replay.code() == ExitCode.BAD_INPUT,
                "replay: " + replay);
        if (report.code() == ExitCode.BAD_INPUT) {
            assertEquals(ExitCode.BAD_INPUT, replay.code(), mutation + ": report rejected the file, replay must too: " + report + " / " + replay);
        }
        for (Answer answer : List.of(report, replay)) {
            if (answer.code() == ExitCode.BAD_INPUT) {
                assertEquals(1, answer.err().lines().count(), mutation + ": " + answer);
                assertTrue(answer.err().startsWith("raftsim: "), answer.toString());
                assertFalse(answer.err().contains("Exception") || answer.err().contains("\tat "), answer.toString());
            }
        }
    }

    private static Answer raftsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Answer(code, out.toString(), err.toString());
    }

    record Answer(int code, String out, String err) {
    }

    /** One edit of the recorded lines, by kind, at a relative position. */
    record Mutation(int kind, double where, int length, String snippet) {
        List<String> apply(List<String> lines) {
            List<String> edited = new ArrayList<>(lines);
            int at = Math.min(lines.size() - 1, (int) (where * lines.size()));
            String line = edited.get(at);
            int column = Math.min(line.length(), (int) (where * line.length()));
            switch (kind) {
                case 0 -> edited.remove(at);                                                   // a line lost
                case 1 -> edited.add(at, line);                                                // a line repeated
                case 2 -> edited.add(at, snippet);                                             // a line inserted
                case 3 -> edited.set(at, line.substring(0, column) + snippet
                        + line.substring(Math.min(line.length(), column + length)));           // a line edited
                case 4 -> edited.set(at, line.substring(0, column));                           // a line cut
                case 5 -> edited.add(snippet.isEmpty() ? lines.get(1) : snippet);              // content after the footer
                default -> {
                    return edited.subList(0, at);                                              // the file cut short
                }
            }
            return edited;
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 30), Arbitraries.of(SNIPPETS)).as(Mutation::new);
    }
}

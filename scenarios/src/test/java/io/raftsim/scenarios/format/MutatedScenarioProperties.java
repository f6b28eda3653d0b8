package io.raftsim.scenarios.format;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.cli.Main;
import io.raftsim.scenarios.sweep.SweepJson;
import io.raftsim.scenarios.sweep.SweepSummary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the scenario reader with mutated catalogue files (characters deleted, inserted or
 * replaced, values swapped for other JSON, files cut short): each either parses to a valid
 * scenario or is rejected with one {@link ScenarioException} line; nothing else escapes.
 * The same for sweep summaries (the input of {@code merge}), which must also stay consistent
 * when they parse, and for command lines, which end with an exit code, and on bad input with
 * one line on stderr, never with a stack trace or a raw control character.
 * Traces and command lines get the same treatment in the command-line package:
 * {@code MutatedTraceProperties} and {@code MutatedArgumentProperties}.
 */
class MutatedScenarioProperties {
    private static final String[] SNIPPETS = {"-1", "1.5", "1e400", "null", "true", "\"n9\"", "\"leader\"", "[]", "{}", "\"\"",
            "9223372036854775808", "0", "\"rest\"", "[[\"rest\"],[\"rest\"]]", "\"\\u0000\"", ",", "}", "]", ":"};

    @Property(tries = 600)
    void mutatedScenariosParseOrFailWithOneLine(@ForAll("mutatedScenarios") String json) {
        try {
            Scenario scenario = ScenarioReader.parse(json, "mutated.json");
            assertTrue(scenario.nodes() >= 1 && scenario.nodes() <= ScenarioReader.MAX_NODES);
        } catch (ScenarioException e) {
            assertTrue(e.getMessage().startsWith("mutated.json"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    private static final String[] SUMMARY_SNIPPETS = {"-1", "1.5", "null", "\"\"", "9223372036854775807", "9223372036854775808",
            "-9223372036854775799", "0", "{}", "[]", "\"3/2\"", "\"1..6 shard 3/2\"", "\"1..6 shard 0/2\"", "\"6..1\"",
            "\"SAFETY_VIOLATION\"", "\"PASSED\"", "\"zz\"", "{\"seed\":3,\"outcome\":\"SAFETY_VIOLATION\"}", "\"\\u001b[2J\"", ",", "}", "]", ":"};

    private static final String[] ARGUMENT_SNIPPETS = {"-1", "0", "9223372036854775808", "3/2", "0/0", "1..0", "1..100000000000", "x..y",
            "--seed", "--set", "--seeds", "--shard", "--threads", "--json", "--progress", "sometimes", "never", "--accept", "nonsense",
            "fixed-election-timeout", "nodes=0", "nodes=3", "raft.heartbeatMs=999", "raft.electionTimeoutMs.min=400",
            "raft.electionTimeoutMs={\"min\":150,\"max\":150}", "initialState={\"n1\":{\"term\":2,\"log\":[1,1,2]},\"n2\":{\"term\":2,\"log\":[1,2,2]}}",
            "durationMs=-5", "=", "a=b", "\u001b[2J", "x\ny", "", "random", "no-such-scenario", "--help", "--bug", "DOUBLE_VOTE"};

    private static final Map<String, String> SUMMARIES = new ConcurrentHashMap<>();

    @Property(tries = 400)
    void mutatedSweepSummariesParseConsistentlyOrFailWithOneLine(@ForAll("mutatedSummaries") String json) {
        try {
            SweepSummary summary = SweepJson.parse(json, "mutated.json", header -> { });
            long outcomes = summary.outcomes().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(summary.runs(), outcomes, json);
            assertTrue(summary.failures().size() <= summary.failed(), json);
        } catch (ScenarioException e) {
            assertTrue(e.getMessage().startsWith("mutated.json: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> mutatedSummaries() {
        Arbitrary<String> original = Arbitraries.of("passing", "failing").map(MutatedScenarioProperties::summary);
        return Combinators.combine(original, Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 40), Arbitraries.of(SUMMARY_SNIPPETS))
                .as((text, kind, where, length, snippet) -> mutateSummary(text, kind, where, length, snippet));
    }

    /** Mutations of whole values as well as of characters: a summary's validity is in its numbers. */
    private static String mutateSummary(String text, int kind, double where, int length, String snippet) {
        if (kind == 4) {
            java.util.List<int[]> values = new java.util.ArrayList<>();
            java.util.regex.Matcher value = java.util.regex.Pattern.compile(":(-?[0-9]+|\"[^\"]*\"|null)").matcher(text);
            while (value.find()) {
                values.add(new int[] {value.start(1), value.end(1)});
            }
            int[] chosen = values.get(Math.min(values.size() - 1, (int) (where * values.size())));
            return text.substring(0, chosen[0]) + snippet + text.substring(chosen[1]);
        }
        return mutate(text, kind, (int) (where * text.length()), length, snippet);
    }

    /** A sweep summary written by the real command: all passed, or every run failed with a planted bug. */
    private static String summary(String which) {
        return SUMMARIES.computeIfAbsent(which, name -> {
            String[] args = name.equals("passing")
                    ? new String[] {"sweep", "election-basic", "--seeds", "1..6", "--shard", "1/2", "--json", "--threads", "1"}
                    : new String[] {"sweep", "figure-8", "--seeds", "1..4", "--json", "--threads", "1", "--no-shrink", "--bug", "COMMIT_PREVIOUS_TERM_BY_COUNTING"};
            StringWriter out = new StringWriter();
            Main.execute(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
            return out.toString().strip();
        });
    }

    @Property(tries = 60)
    void mutatedCommandLinesEndWithAnExitCodeAndAtMostOneLineOfComplaint(@ForAll("mutatedArguments") java.util.List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(code >= 0 && code <= 5, code + " " + args);
        if (code == 2) {
            java.util.List<String> lines = err.toString().lines().filter(line -> !line.startsWith("raftsim: warning: ")).toList();
            assertEquals(1, lines.size(), args + "\n" + err);
            assertTrue(lines.get(0).startsWith("raftsim: "), args + "\n" + err);
        }
        assertFalse(out.toString().contains("\u001b") || err.toString().contains("\u001b"), args + "\n" + out + err);
    }

    @Provide
    Arbitrary<java.util.List<String>> mutatedArguments() {
        Arbitrary<java.util.List<String>> original = Arbitraries.of(
                java.util.List.of("run", "election-basic", "--seed", "7", "--set", "durationMs=1000"),
                java.util.List.of("sweep", "election-basic", "--seeds", "1..2", "--threads", "1", "--set", "durationMs=1000", "--json"),
                java.util.List.of("list"),
                java.util.List.of("merge", "summary.json"),
                java.util.List.of("experiment", "election-timing", "--trials", "1"));
        return Combinators.combine(original, Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1), Arbitraries.of(ARGUMENT_SNIPPETS))
                .as((args, kind, where, snippet) -> {
                    java.util.List<String> mutated = new java.util.ArrayList<>(args);
                    int at = Math.min(mutated.size() - 1, (int) (where * mutated.size()));
                    switch (kind) {
                        case 0 -> mutated.set(at, snippet);
                        case 1 -> mutated.add(at, snippet);
                        case 2 -> mutated.remove(at);
                        default -> mutated.add(snippet);
                    }
                    if (mutated.contains("sweep") || mutated.contains("--seeds")) {
                        mutated.add("--no-shrink");   // a shrunk failure would be written to the working directory
                    }
                    return mutated;
                });
    }

    @Provide
    Arbitrary<String> mutatedScenarios() {
        Arbitrary<String> original = Arbitraries.of(Catalogue.NAMES).map(MutatedScenarioProperties::resource);
        return Combinators.combine(original, Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 40), Arbitraries.of(SNIPPETS))
                .as((text, kind, where, length, snippet) -> mutate(text, kind, (int) (where * text.length()), length, snippet));
    }

    private static String mutate(String text, int kind, int at, int length, String snippet) {
        int end = Math.min(text.length(), at + length);
        return switch (kind) {
            case 0 -> text.substring(0, at) + text.substring(end);                  // delete a run
            case 1 -> text.substring(0, at) + snippet + text.substring(at);          // insert
            case 2 -> text.substring(0, at) + snippet + text.substring(end);         // replace a run
            case 3 -> text.substring(0, at);                                         // truncate
            default -> text.replaceFirst(":\\s*[^,{\\[\\]}]+", ": " + snippet);      // swap the first value
        };
    }

    private static String resource(String name) {
        try (InputStream in = Catalogue.class.getResourceAsStream("/catalogue/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

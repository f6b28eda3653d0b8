package io.raftsim.scenarios.cli;

import io.raftsim.harness.check.SafetyProperty;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.UndecidedRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command's exit codes, its summary, and its one-line answers to bad input. */
class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path directory;

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void runPassesAndPrintsTheSummary() {
        assertEquals(ExitCode.PASSED, run("run", "random", "--seed", "7", "--set", "durationMs=5000"));
        String summary = out.toString();
        assertTrue(summary.contains("result        PASSED"), summary);
        assertTrue(summary.matches("(?s).*digest\\s+[0-9a-f]{16}.*"), summary);
        assertEquals("", err.toString());
    }

    @Test
    void theChecksLineCountsTheSafetyPropertiesTheMonitorChecks() {
        assertEquals(ExitCode.PASSED, run("run", "log-replication", "--seed", "1"));
        int properties = SafetyProperty.values().length;
        assertTrue(properties >= 9, "Figure 3's five and the four of Figure 2 at least");
        assertTrue(out.toString().contains("checks        " + properties + " safety properties after each of "), out.toString());
    }

    @Test
    void anUndecidedRunIsItsOwnOutcomeWithItsOwnExitCodeAndReplayCommand() {
        ScenarioResult undecided = UndecidedRuns.undecided("log-replication", 1);
        assertEquals(ExitCode.UNDECIDED, undecided.outcome().exitCode());
        assertFalse(undecided.passed());
        String text = Summary.text(undecided, 0.1);
        assertTrue(text.contains("result        UNDECIDED [Linearizability]"), text);
        assertTrue(text.contains("key a (13 operations, 1000 search steps) not decided within 1000 steps per key"), text);
        String json = Summary.JSON.writeValueAsString(Summary.json(undecided, 0.1, "./raftsim run log-replication --seed 1"));
        assertTrue(json.contains("\"result\":\"UNDECIDED\""), json);
    }

    @Test
    void everyOutcomeHasTheExitCodeTheHelpDocuments() {
        assertEquals(0, run("--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        for (Outcome outcome : Outcome.values()) {
            assertTrue(help.matches("(?s).*[:;] " + outcome.exitCode() + " [a-z].*"), outcome + " exit " + outcome.exitCode() + ": " + help);
        }
        assertEquals(ExitCode.UNDECIDED, Outcome.UNDECIDED.exitCode());
        assertEquals(ExitCode.LIMIT, Outcome.LIMIT_REACHED.exitCode());
        assertTrue(help.contains("6 linearizability undecided"), help);
    }

    @Test
    void sameSeedPrintsTheSameDigest() {
        run("run", "random", "--seed", "11", "--set", "durationMs=3000", "--json");
        run("run", "random", "--seed", "11", "--set", "durationMs=3000", "--json");
        String[] lines = out.toString().split("\n");
        String first = lines[0].replaceAll("\"wallSeconds\":[0-9.]+", "");
        String second = lines[1].replaceAll("\"wallSeconds\":[0-9.]+", "");
        assertEquals(first, second);
        assertTrue(first.contains("\"replay\":\"./raftsim run random --seed 11 --set durationMs=3000\""), first);
    }

    @Test
    void anUnreachedExpectationExitsWithFourAndPrintsTheReplayCommand() {
        int code = run("run", "election-basic", "--set", "expect=[{\"electionsAtMost\": 0}]");
        assertEquals(ExitCode.EXPECTATION, code, out.toString());
        assertTrue(out.toString().contains("replay: ./raftsim run election-basic --seed 1 --set 'expect=[{\"electionsAtMost\": 0}]'"), out.toString());
    }

    @Test
    void aTraceReplaysIdenticallyAndAnEditedEventIsReportedAsTheFirstDifference() throws IOException {
        Path trace = directory.resolve("run.jsonl");
        Path html = directory.resolve("run.html");
        assertEquals(ExitCode.PASSED, run("run", "leader-crash", "--seed", "3", "--trace", trace.toString(), "--html", html.toString()));
        assertTrue(Files.readString(html).contains("leader-crash"));
        out.getBuffer().setLength(0);
        assertEquals(ExitCode.PASSED, run("replay", trace.toString()), out.toString());
        assertTrue(out.toString().contains("identical"), out.toString());

        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(trace));
        int edited = lines.size() / 2;
        lines.set(edited, lines.get(edited).replaceFirst("\"t\":([0-9]+)", "\"t\":1$1"));
        Path tampered = directory.resolve("tampered.jsonl");
        Files.write(tampered, lines);
        out.getBuffer().setLength(0);
        assertEquals(ExitCode.VIOLATION, run("replay", tampered.toString()));
        assertTrue(out.toString().contains("DIFFERS at line " + (edited + 1)), out.toString());
        assertTrue(out.toString().contains(lines.get(edited)), "the recorded line is shown: " + out);
    }

    @Test
    void listShowsTheCatalogue() {
        assertEquals(ExitCode.PASSED, run("list"));
        for (String name : io.raftsim.scenarios.catalogue.Catalogue.NAMES) {
            assertTrue(out.toString().contains(name + " "), name);
        }
    }

    @Test
    void badInputGivesOneLineNamingTheFieldAndExitCodeTwo() throws IOException {
        Path valid = directory.resolve("valid.json");
        Files.writeString(valid, "{\"name\": \"x\", \"nodes\": 5, \"network\": {\"latencyMs\": {\"min\": 1, \"max\": 10}}}");
        Path malformed = write("malformed.json", "{\"name\": \"x\", \"nodes\": }");
        Path truncated = write("truncated.json", "{\"name\": \"x\", \"nodes\": 5, \"faults\": [{\"atMs\": 10, ");
        Path unknownField = write("unknown.json", "{\"name\": \"x\", \"nodez\": 5}");
        Path negativeDelay = write("negative.json", "{\"network\": {\"latencyMs\": {\"min\": -5, \"max\": 10}}}");
        Path dropRate = write("drop.json", "{\"network\": {\"dropRate\": 1.5}}");
        Path noNodes = write("zero.json", "{\"nodes\": 0}");
        Path manyNodes = write("many.json", "{\"nodes\": 10000}");
        Path n9 = write("n9.json", "{\"nodes\": 5, \"faults\": [{\"atMs\": 100, \"action\": \"crash\", \"node\": \"n9\"}]}");
        // One bad use of each capability of issue 14 (docs/scenario-format.md), end to end: mid-run checks, bindings,
        // waits and rounds, per-direction networks, counts, client control, the no-op switch and command checks.
        Path deadline = write("deadline.json", "{\"durationMs\": 10000, \"faults\": [{\"atMs\": 0, \"action\": \"check\", \"condition\": \"oneLeader\", \"withinMs\": 0}]}");
        Path unbound = write("unbound.json", "{\"faults\": [{\"atMs\": 100, \"action\": \"restart\", \"node\": \"$old\"}]}");
        Path waitFor = write("wait.json", "{\"faults\": [{\"atMs\": 0, \"action\": \"crash\", \"node\": \"n1\", \"when\": \"noLeader\", \"withinMs\": 100}]}");
        Path rounds = write("rounds.json", "{\"durationMs\": 10000, \"faults\": [{\"atMs\": 0, \"action\": \"rounds\", \"count\": 1001, \"everyMs\": 10, \"steps\": []}]}");
        Path drawnWait = write("drawn.json", "{\"faults\": [{\"atMs\": 0, \"waitMs\": {\"min\": 2, \"max\": 1}, \"action\": \"heal\"}]}");
        Path replies = write("replies.json", "{\"network\": {\"replies\": {\"dropRate\": 1.5}}}");
        Path clientLinks = write("clientlinks.json", "{\"network\": {\"clients\": {\"replies\": {\"tailMaxMs\": 700000}}}}");
        Path counts = write("counts.json", "{\"faults\": [{\"atMs\": 0, \"action\": \"check\", \"condition\": \"rpcsAtMost\", \"count\": -1, \"forMs\": 100}]}");
        Path submit = write("submit.json", "{\"faults\": [{\"atMs\": 0, \"action\": \"submit\", \"count\": 0, \"node\": \"all\"}]}");
        Path stop = write("stop.json", "{\"faults\": [{\"atMs\": 0, \"action\": \"stopClients\", \"node\": \"n1\"}]}");
        Path command = write("command.json", "{\"faults\": [{\"atMs\": 0, \"action\": \"check\", \"condition\": \"committed\", \"command\": 1, \"withinMs\": 3000}]}");
        Path noOp = write("noop.json", "{\"raft\": {\"leaderNoOp\": \"no\"}}");
        String[][] cases = {
                {"run", malformed.toString()}, {"malformed.json", "line 1"},
                {"run", truncated.toString()}, {"truncated.json", "malformed JSON"},
                {"run", unknownField.toString()}, {"nodez", "unknown field"},
                {"run", negativeDelay.toString()}, {"network.latencyMs.min", "-5"},
                {"run", dropRate.toString()}, {"network.dropRate", "1.5"},
                {"run", noNodes.toString()}, {"nodes", "0"},
                {"run", manyNodes.toString()}, {"nodes", "10000"},
                {"run", n9.toString()}, {"faults[0].node", "\"n9\""},
                {"run", deadline.toString()}, {"deadline.json", "faults[0].withinMs", "0"},
                {"run", unbound.toString()}, {"unbound.json", "faults[0]", "$old"},
                {"run", waitFor.toString()}, {"wait.json", "faults[0].when", "noLeader"},
                {"run", rounds.toString()}, {"rounds.json", "faults[0].count", "1001"},
                {"run", drawnWait.toString()}, {"drawn.json", "faults[0].waitMs.max", "1"},
                {"run", replies.toString()}, {"replies.json", "network.replies.dropRate", "1.5"},
                {"run", clientLinks.toString()}, {"clientlinks.json", "network.clients.replies.tailMaxMs", "700000"},
                {"run", counts.toString()}, {"counts.json", "faults[0].count", "-1"},
                {"run", submit.toString()}, {"submit.json", "faults[0].count", "0"},
                {"run", stop.toString()}, {"stop.json", "faults[0].node", "unknown field"},
                {"run", command.toString()}, {"command.json", "faults[0].command", "1"},
                {"run", noOp.toString()}, {"noop.json", "raft.leaderNoOp", "\"no\""},
                {"run", "no-such-scenario"}, {"no-such-scenario", "catalogue"},
                {"run", directory.resolve("missing.json").toString()}, {"missing.json", "no such file"},
                {"sweep", "random", "--seeds", "10..1"}, {"--seeds", "10..1"},
                {"sweep", "random", "--seeds", "1..10", "--shard", "3/2"}, {"--shard", "3/2"},
                {"run", valid.toString(), "--set", "network.dropRate=2"}, {"network.dropRate", "2"},
                {"run", valid.toString(), "--set", "nodes"}, {"--set nodes", "path=value"},
                {"run", "random", "--seed", "abc"}, {"--seed", "abc"},
                {"run"}, {"SCENARIO", ""},
                {"frobnicate"}, {"frobnicate", ""},
                {}, {"subcommand", ""},
                {"bench", "--seconds", "0"}, {"--seconds", "0"},
                {"merge", valid.toString()}, {"valid.json", "format"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            String[] args = cases[i];
            err.getBuffer().setLength(0);
            assertEquals(ExitCode.BAD_INPUT, run(args), String.join(" ", args) + " -> " + err);
            String message = err.toString();
            assertEquals(1, message.lines().count(), "one line for '" + String.join(" ", args) + "': " + message);
            assertTrue(message.startsWith("raftsim: "), message);
            assertTrue(!message.contains("Exception") && !message.contains("\tat "), message);
            for (String expected : cases[i + 1]) {
                assertTrue(message.contains(expected), "'" + message.strip() + "' should name " + expected);
            }
        }
    }

    @Test
    void helpIsAvailableOnEverySubcommand() {
        assertEquals(0, run("--help"));
        for (String command : new String[] {"list", "run", "sweep", "replay", "shrink", "merge", "report", "experiment", "bench"}) {
            assertEquals(0, run(command, "--help"), command);
        }
        assertTrue(out.toString().contains("Exit codes"));
    }

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}

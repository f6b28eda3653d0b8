package io.raftsim.scenarios.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, items 7, 8 and 10 at the command line: settings warnings, the identity of the
 * build and scenario in traces and summaries, terminal safety and progress on stderr.
 */
class InputsAndIdentityCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path directory;

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    // ---- item 7: warnings for settings a user may mean ----------------------------------

    @Test
    void aFixedElectionTimeoutWarnsOnStderrAndAcceptSilencesIt() {
        String[] fixed = {"run", "election-basic", "--set", "raft.electionTimeoutMs={\"min\": 150, \"max\": 150}", "--set", "expect=[]"};
        run(fixed);
        assertTrue(err.toString().startsWith("raftsim: warning: catalogue:election-basic with --set: raft.electionTimeoutMs: min = max = 150 ms"), err.toString());
        assertTrue(err.toString().contains("--accept fixed-election-timeout"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        String[] accepted = java.util.Arrays.copyOf(fixed, fixed.length + 2);
        accepted[fixed.length] = "--accept";
        accepted[fixed.length + 1] = "fixed-election-timeout";
        run(accepted);
        assertEquals("", err.toString());
        assertEquals(ExitCode.BAD_INPUT, run("run", "election-basic", "--accept", "everything"));
        assertTrue(err.toString().startsWith("raftsim: --accept: \"everything\" is not a warning"), err.toString());
    }

    @Test
    void aHeartbeatAboveTheElectionTimeoutIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT, run("run", "election-basic", "--set", "raft.heartbeatMs=200"));
        assertTrue(err.toString().startsWith("raftsim: catalogue:election-basic with --set: raft.heartbeatMs: 200 is not below electionTimeoutMs.min 150"),
                err.toString());
    }

    @Test
    void anInitialStateBreakingLogMatchingIsBadInputNotASafetyViolation() {
        int code = run("run", "election-basic", "--set",
                "initialState={\"n1\": {\"term\": 2, \"log\": [1, 1, 2]}, \"n2\": {\"term\": 2, \"log\": [1, 2, 2]}}");
        assertEquals(ExitCode.BAD_INPUT, code, out + "" + err);
        assertTrue(err.toString().contains("initialState.n2.log[1]") && err.toString().contains("Log Matching"), err.toString());
    }

    // ---- item 8: build identity ----------------------------------------------------------

    @Test
    void aTraceRecordsTheBuildAndScenarioHashOutsideTheDigest() throws IOException {
        Path trace = directory.resolve("run.jsonl");
        assertEquals(ExitCode.PASSED, run("run", "election-basic", "--seed", "3", "--trace", trace.toString()));
        String digest = out.toString().replaceAll("(?s).*digest\\s+([0-9a-f]{16}).*", "$1");
        String header = Files.readAllLines(trace).get(0);
        assertTrue(header.matches(".*\"tool\":\"raftsim [^\"]+\".*\"commit\":(null|\"[^\"]+\"),\"scenarioHash\":\"[0-9a-f]{16}\",\"scenario\":.*"), header);

        // The same run under another commit: same digest, different header.
        System.setProperty("raftsim.commit", "0123abc");
        try {
            Path other = directory.resolve("other.jsonl");
            assertEquals(ExitCode.PASSED, run("run", "election-basic", "--seed", "3", "--trace", other.toString()));
            assertTrue(out.toString().contains(digest), "identity is metadata, outside the digest: " + out);
            assertTrue(Files.readAllLines(other).get(0).contains("\"commit\":\"0123abc\""));
            assertEquals(Files.readAllLines(trace).subList(1, Files.readAllLines(trace).size()),
                    Files.readAllLines(other).subList(1, Files.readAllLines(other).size()));
            // Replayed by the same commit: the same build.
            assertEquals(ExitCode.PASSED, run("replay", other.toString()));
            assertTrue(out.toString().contains("build         the same build (raftsim "), out.toString());
        } finally {
            System.clearProperty("raftsim.commit");
        }
    }

    @Test
    void replaySaysRecordedByADifferentBuildBeforeComparing() throws IOException {
        Path trace = directory.resolve("run.jsonl");
        assertEquals(ExitCode.PASSED, run("run", "leader-crash", "--seed", "3", "--trace", trace.toString()));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(trace));
        lines.set(0, lines.get(0).replaceFirst("\"tool\":\"raftsim [^\"]+\"", "\"tool\":\"raftsim 0.0.9\""));
        // An older build's run: its events differ too (here: one event's time).
        int edited = lines.size() / 2;
        lines.set(edited, lines.get(edited).replaceFirst("\"t\":([0-9]+)", "\"t\":1$1"));
        Path old = directory.resolve("old.jsonl");
        Files.write(old, lines);
        assertEquals(ExitCode.VIOLATION, run("replay", old.toString()));
        String text = out.toString();
        int verdict = text.indexOf("recorded by a different build");
        assertTrue(verdict > 0 && verdict < text.indexOf("DIFFERS"), text);

        // Unknown commits on both sides: replay cannot tell, and says so.
        assertEquals(ExitCode.PASSED, run("replay", trace.toString()));
        assertTrue(out.toString().contains("build         cannot tell whether this build"), out.toString());
    }

    @Test
    void replayOfAnEditedScenarioHashSaysTheScenarioReadsDifferently() throws IOException {
        Path trace = directory.resolve("run.jsonl");
        run("run", "election-basic", "--seed", "3", "--trace", trace.toString());
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(trace));
        lines.set(0, lines.get(0).replaceFirst("\"scenarioHash\":\"[0-9a-f]{16}\"", "\"scenarioHash\":\"0000000000000000\""));
        Path edited = directory.resolve("edited.jsonl");
        Files.write(edited, lines);
        assertEquals(ExitCode.PASSED, run("replay", edited.toString()));
        assertTrue(out.toString().contains("recorded by a different build: this one reads the recorded scenario as other settings"), out.toString());
    }

    @Test
    void mergeRefusesShardsOfAnEditedScenarioOrOfAnotherBuild() throws IOException {
        // The same file name and command line for both shards; the file was edited in between.
        Path scenario = directory.resolve("scenario.json");
        Files.writeString(scenario, "{\"name\": \"mine\", \"nodes\": 3, \"durationMs\": 2000}");
        Path first = shard(1, scenario);
        Files.writeString(scenario, "{\"name\": \"mine\", \"nodes\": 3, \"durationMs\": 2500}");
        Path edited = shard(2, scenario);
        assertEquals(ExitCode.BAD_INPUT, run("merge", first.toString(), edited.toString()));
        assertTrue(err.toString().contains(edited + ": scenarioHash: "), err.toString());

        Files.writeString(scenario, "{\"name\": \"mine\", \"nodes\": 3, \"durationMs\": 2000}");
        Path second = shard(2, scenario);
        assertEquals(ExitCode.PASSED, run("merge", first.toString(), second.toString()), err.toString());
        Path otherBuild = directory.resolve("other-build.json");
        Files.writeString(otherBuild, Files.readString(second).replaceFirst("\"commit\":null", "\"commit\":\"0123abc\""));
        assertEquals(ExitCode.BAD_INPUT, run("merge", first.toString(), otherBuild.toString()));
        assertTrue(err.toString().contains(otherBuild + ": build: raftsim ") && err.toString().contains("commit 0123abc"), err.toString());
    }

    private Path shard(int k, Path scenario) throws IOException {
        assertEquals(ExitCode.PASSED, run("sweep", scenario.toString(), "--seeds", "1..4", "--shard", k + "/2", "--json", "--threads", "1"));
        Path file = Files.createTempFile(directory, "shard-" + k + "-", ".json");
        Files.writeString(file, out.toString());
        return file;
    }

    // ---- item 10: terminal safety and progress -------------------------------------------

    @Test
    void aScenarioNameWithEscapeCodesAndNewlinesReachesTheTerminalEscaped() throws IOException {
        Path file = directory.resolve("evil.json");
        Files.writeString(file, "{\"name\": \"x\\u001b[2J\\nresult        PASSED\\u202e\", \"nodes\": 3, \"durationMs\": 2000}");
        assertEquals(ExitCode.PASSED, run("run", file.toString()));
        String summary = out.toString();
        assertFalse(summary.contains("\u001b") || summary.contains("\u202e"), summary);
        assertTrue(summary.contains("scenario      x\\x1b[2J\\x0aresult        PASSED\\u202e (3 nodes"), summary);
        assertEquals(1, summary.lines().filter(line -> line.startsWith("result")).count(), summary);

        assertEquals(ExitCode.PASSED, run("sweep", file.toString(), "--seeds", "1..2", "--threads", "1"));
        assertFalse(out.toString().contains("\u001b"), out.toString());

        // A control character in an argument reaches the error line escaped, still one line.
        assertEquals(ExitCode.BAD_INPUT, run("run", "no-such\u001b[31m\nfile"));
        assertFalse(err.toString().contains("\u001b"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void aReplayCommandWithControlCharactersIsQuotedSafelyAndStillPastes() {
        assertEquals("$'a\\x1bb\\'c'", Shell.quote("a\u001bb'c"));
        assertEquals("'a b'", Shell.quote("a b"));
    }

    @Test
    void progressGoesToStderrOnlyAndLeavesStdoutByteIdentical() {
        String[] sweep = {"sweep", "election-basic", "--seeds", "1..6", "--threads", "2", "--json"};
        String[] withProgress = java.util.Arrays.copyOf(sweep, sweep.length + 2);
        withProgress[sweep.length] = "--progress";
        withProgress[sweep.length + 1] = "always";
        run(withProgress);
        String stdoutWith = out.toString();
        assertTrue(err.toString().contains("100% 6/6 seeds"), err.toString());
        run(sweep[0], sweep[1], sweep[2], sweep[3], sweep[4], sweep[5], sweep[6], "--progress", "never");
        assertEquals(stdoutWith, out.toString());
        assertEquals("", err.toString());

        // The launcher says stderr is a terminal although stdout is redirected: auto shows the bar.
        System.setProperty(Progress.STDERR_TERMINAL_PROPERTY, "true");
        try {
            run(sweep);
            assertEquals(stdoutWith, out.toString());
            assertTrue(err.toString().contains("100% 6/6 seeds"), err.toString());
        } finally {
            System.clearProperty(Progress.STDERR_TERMINAL_PROPERTY);
        }
        assertEquals(ExitCode.PASSED, run("experiment", "election-timing", "--trials", "2", "--progress", "always"));
        assertTrue(err.toString().contains("100% 22/22 trials"), err.toString());
    }
}

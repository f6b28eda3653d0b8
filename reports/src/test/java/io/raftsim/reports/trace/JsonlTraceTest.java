package io.raftsim.reports.trace;

import io.raftsim.harness.cluster.ClusterOutcome;
import io.raftsim.reports.TraceFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonlTraceTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedWritesByteIdenticalTraces() throws IOException {
        Path first = dir.resolve("a.jsonl");
        Path second = dir.resolve("b.jsonl");
        TraceFixtures.writeTrace(first, 11, "fixture");
        TraceFixtures.writeTrace(second, 11, "fixture");
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertTrue(Files.size(first) > 10_000, "a 2 s run writes a substantial trace");
    }

    @Test
    void readerStreamsHeaderEventsAndFooterInOrder() {
        Path path = dir.resolve("t.jsonl");
        ClusterOutcome outcome = TraceFixtures.writeTrace(path, 5, "fixture");
        Map<String, Integer> counts = new TreeMap<>();
        long lastStep = 0;
        long events = 0;
        TraceFooter footer = null;
        try (TraceReader reader = TraceReader.open(path)) {
            assertEquals(5, reader.header().seed());
            assertEquals("fixture", reader.header().scenarioName());
            TraceEvent event;
            while ((event = reader.next()) != null) {
                if (event instanceof TraceFooter f) {
                    footer = f;
                    continue;
                }
                TraceEvent.Step step = assertInstanceOf(TraceEvent.Step.class, event);
                assertTrue(step.step() >= lastStep, "steps never go back");
                lastStep = step.step();
                events++;
                counts.merge(event.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        assertNotNull(footer);
        assertEquals(outcome.run().digestHex(), footer.digest());
        assertEquals(outcome.verdict().name(), footer.result());
        assertEquals(events, footer.events());
        for (String kind : List.of("Start", "Message", "Timer", "Fault", "RoleChange", "VoteGranted", "CommitAdvance",
                "ProgressChange", "LogAppend", "Apply", "Restore", "ClientInvoke", "ClientComplete", "TimerArmed")) {
            assertTrue(counts.getOrDefault(kind, 0) > 0, "no " + kind + " in " + counts);
        }
    }

    @Test
    void tracingLeavesTheDigestUnchanged() {
        ClusterOutcome untraced = TraceFixtures.run(9, io.raftsim.sim.trace.TraceSink.NONE);
        ClusterOutcome traced = TraceFixtures.writeTrace(dir.resolve("d.jsonl"), 9, "fixture");
        assertEquals(untraced.run().digest(), traced.run().digest());
        assertEquals(untraced.run().steps(), traced.run().steps());
    }

    @Test
    void nothingAppearsBeforeFinish() {
        Path path = dir.resolve("late.jsonl");
        JsonlTraceWriter writer = JsonlTraceWriter.open(path, TraceFixtures.header(3, "fixture"));
        TraceFixtures.run(3, writer);
        writer.close(); // flushes only
        assertFalse(Files.exists(path));
        writer.discard();
        assertFalse(Files.exists(path));
    }

    @Test
    void replayOfTheSameSeedMatchesEventForEvent() {
        Path path = dir.resolve("r.jsonl");
        TraceFixtures.writeTrace(path, 21, "fixture");
        ReplayCheckSink check = ReplayCheckSink.open(path);
        ClusterOutcome rerun = TraceFixtures.run(check.header().seed(), check);
        check.finish(TraceFooter.of(rerun));
        assertNull(check.firstDifference(), () -> check.firstDifference().describe());
        assertTrue(check.comparedEvents() > 1000);
    }

    @Test
    void replayReportsExactlyTheEditedEventAsTheFirstDifference() throws IOException {
        Path path = dir.resolve("e.jsonl");
        TraceFixtures.writeTrace(path, 21, "fixture");
        List<String> lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
        int edited = lines.size() / 2;
        String original = lines.get(edited);
        String changed = original.replaceFirst("\"t\":(\\d+)", "\"t\":1$1");
        assertFalse(original.equals(changed));
        lines.set(edited, changed);
        Files.write(path, lines, StandardCharsets.UTF_8);

        ReplayCheckSink check = ReplayCheckSink.open(path);
        ClusterOutcome rerun = TraceFixtures.run(21, check);
        check.finish(TraceFooter.of(rerun));
        TraceDifference difference = check.firstDifference();
        assertNotNull(difference);
        assertEquals(edited + 1, difference.lineNumber());
        assertEquals(changed, difference.expected());
        assertEquals(original, difference.actual());
    }

    @Test
    void replayNoticesATraceWithEventsTheRerunDoesNotProduce() throws IOException {
        Path path = dir.resolve("long.jsonl");
        TraceFixtures.writeTrace(path, 4, "fixture");
        List<String> lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
        String extra = lines.get(lines.size() - 2);
        lines.add(lines.size() - 1, extra);
        Files.write(path, lines, StandardCharsets.UTF_8);

        ReplayCheckSink check = ReplayCheckSink.open(path);
        check.finish(TraceFooter.of(TraceFixtures.run(4, check)));
        TraceDifference difference = check.firstDifference();
        assertNotNull(difference);
        assertEquals(extra, difference.expected());
        assertNull(difference.actual());
        assertEquals(lines.size() - 1, difference.lineNumber());
    }

    @Test
    void replayNoticesARerunWithEventsTheTraceLacks() throws IOException {
        Path path = dir.resolve("short.jsonl");
        TraceFixtures.writeTrace(path, 4, "fixture");
        List<String> lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
        String removed = lines.remove(lines.size() - 2);
        Files.write(path, lines, StandardCharsets.UTF_8);

        ReplayCheckSink check = ReplayCheckSink.open(path);
        check.finish(TraceFooter.of(TraceFixtures.run(4, check)));
        TraceDifference difference = check.firstDifference();
        assertNotNull(difference);
        assertNull(difference.expected());
        assertEquals(removed, difference.actual());
        assertTrue(difference.describe().contains("(no more events)"), difference.describe());
    }

    @Test
    void replayComparesTheFooterDigest() throws IOException {
        Path path = dir.resolve("f.jsonl");
        TraceFixtures.writeTrace(path, 4, "fixture");
        List<String> lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
        int last = lines.size() - 1;
        lines.set(last, lines.get(last).replaceFirst("\"digest\":\"[0-9a-f]{16}\"", "\"digest\":\"0000000000000000\""));
        Files.write(path, lines, StandardCharsets.UTF_8);

        ReplayCheckSink check = ReplayCheckSink.open(path);
        check.finish(TraceFooter.of(TraceFixtures.run(4, check)));
        assertNotNull(check.firstDifference());
        assertTrue(check.firstDifference().expected().contains("0000000000000000"));
    }
}

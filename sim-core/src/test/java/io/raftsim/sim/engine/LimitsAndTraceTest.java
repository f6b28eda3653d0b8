package io.raftsim.sim.engine;

import io.raftsim.sim.toy.GossipMessage;
import io.raftsim.sim.toy.GossipSimulation;
import io.raftsim.sim.trace.InMemoryTraceSink;
import io.raftsim.sim.trace.StreamingTraceSink;
import io.raftsim.sim.trace.TraceKind;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bounds end runs with a named status; observers stop runs; traces and digests agree. */
class LimitsAndTraceTest {

    private static Engine.Builder<GossipMessage> gossip() {
        return GossipSimulation.builder(4, 10_000, 3).seed(9);
    }

    @Test
    void maxStepsEndsTheRunWithItsName() {
        RunResult result = gossip().limits(Limits.DEFAULT.withMaxSteps(500)).build().runUntil(60_000_000);
        assertEquals(RunStatus.LIMIT_REACHED, result.status());
        assertEquals(500, result.steps());
        assertTrue(result.limit().startsWith("maxSteps"), result.limit());
    }

    @Test
    void maxVirtualTimeEndsTheRunWithItsNameAndTheResultIsSticky() {
        Engine<GossipMessage> engine = gossip().limits(Limits.DEFAULT.withMaxVirtualTimeMicros(1_000_000)).build();
        RunResult result = engine.runUntil(60_000_000);
        assertEquals(RunStatus.LIMIT_REACHED, result.status());
        assertEquals(1_000_000, result.virtualTimeMicros());
        assertTrue(result.limit().startsWith("maxVirtualTimeMicros"), result.limit());
        assertSame(result, engine.runUntil(120_000_000), "a limit ends the run for good");
    }

    @Test
    void queueBoundEndsARunThatFloodsTheQueue() {
        Engine<String> engine = Scripted.builder(1, Scripted.newJournal(), self -> {
            for (int i = 0; i < 100; i++) {
                self.context.send(0, "flood" + i);
            }
        }, (self, from, message) -> { }, (self, timer) -> { }).limits(Limits.DEFAULT.withMaxQueuedEvents(50)).build();
        RunResult result = engine.runUntil(1_000_000);
        assertEquals(RunStatus.LIMIT_REACHED, result.status());
        assertTrue(result.limit().startsWith("maxQueuedEvents"));
    }

    @Test
    void aProcessThatThrowsEndsTheRunAsAViolationNamingTheProcessAndTheException() {
        Engine<String> engine = Scripted.builder(2, Scripted.newJournal(), self -> {
            if (self.context.nodeId() == 0) {
                self.context.send(1, "poison");
            }
        }, (self, from, message) -> {
            throw new IndexOutOfBoundsException("log index 9 outside 1..8");
        }, (self, timer) -> { }).build();
        RunResult result = engine.runUntil(1_000_000);
        assertEquals(RunStatus.VIOLATION, result.status());
        assertEquals(Violation.PROCESS_THREW, result.violation().property());
        assertEquals(result.steps(), result.violation().step());
        assertTrue(result.violation().message().startsWith(
                "process 1 handling a message from 0 threw IndexOutOfBoundsException: log index 9 outside 1..8 at "),
                result.violation().message());
        assertSame(result, engine.runUntil(2_000_000), "the failure ends the run for good");
    }

    @Test
    void aFailedAssertionInAProcessIsAViolationToo() {
        // Nodes guard their invariants with assert, the way etcd panics; tests and ./raftsim run with -ea.
        Engine<String> engine = Scripted.builder(2, Scripted.newJournal(), self -> {
            if (self.context.nodeId() == 0) {
                self.context.send(1, "poison");
            }
        }, (self, from, message) -> {
            throw new AssertionError("match 4 >= next 4");
        }, (self, timer) -> { }).build();
        RunResult result = engine.runUntil(1_000_000);
        assertEquals(RunStatus.VIOLATION, result.status());
        assertEquals(Violation.PROCESS_THREW, result.violation().property());
        assertTrue(result.violation().message().startsWith("process 1 handling a message from 0 threw AssertionError: match 4 >= next 4"),
                result.violation().message());
    }

    @Test
    void observerViolationStopsTheRunStampedWithStepAndTime() {
        InMemoryTraceSink trace = new InMemoryTraceSink(100_000);
        Engine<GossipMessage> engine = gossip().trace(trace)
                .observer(view -> view.nowMicros() >= 2_000_000 ? Violation.of("TooLate", "past two seconds") : null).build();
        RunResult result = engine.runUntil(60_000_000);
        assertEquals(RunStatus.VIOLATION, result.status());
        assertNotNull(result.violation());
        assertEquals("TooLate", result.violation().property());
        assertEquals(result.steps(), result.violation().step());
        assertTrue(result.violation().timeMicros() >= 2_000_000 && result.virtualTimeMicros() == result.violation().timeMicros());
        assertEquals(TraceKind.VIOLATION, trace.records().get(trace.records().size() - 1).kind());
    }

    @Test
    void digestIsTheSameWithTracingOnOrOffAndTraceHasEveryKind() {
        InMemoryTraceSink trace = new InMemoryTraceSink(1_000_000);
        RunResult traced = gossip().trace(trace).build().runUntil(5_000_000);
        RunResult untraced = gossip().build().runUntil(5_000_000);
        assertEquals(untraced.digest(), traced.digest());
        List<TraceKind> kinds = trace.records().stream().map(r -> r.kind()).distinct().toList();
        assertTrue(kinds.containsAll(List.of(TraceKind.START, TraceKind.SEND, TraceKind.DELIVER, TraceKind.TIMER)), kinds.toString());
        assertTrue(trace.records().stream().allMatch(r -> r.step() <= traced.steps()));
    }

    @Test
    void streamingSinkWritesOneLinePerRecordAndInMemorySinkCountsOverflow() {
        StringWriter out = new StringWriter();
        InMemoryTraceSink bounded = new InMemoryTraceSink(10);
        gossip().trace(new StreamingTraceSink(out)).build().runUntil(1_000_000);
        Engine<GossipMessage> boundedRun = gossip().trace(bounded).build();
        boundedRun.runUntil(1_000_000);
        long lines = out.toString().lines().count();
        assertEquals(10, bounded.records().size());
        assertEquals(lines, bounded.records().size() + bounded.overflowCount());
        assertTrue(lines > 100);
    }
}

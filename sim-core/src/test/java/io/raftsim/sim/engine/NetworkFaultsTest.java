package io.raftsim.sim.engine;

import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.trace.InMemoryTraceSink;
import io.raftsim.sim.trace.TraceKind;
import io.raftsim.sim.trace.TraceRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each network fault, observed from the receiving end. */
class NetworkFaultsTest {
    private static final LinkConfig FIXED_5MS = new LinkConfig(5_000, 5_000, 0, 5_000, 0, 0, false);

    /** Every node sends "hello from i" to every other node at each of the given times (ms). */
    private static Engine.Builder<String> broadcasters(int nodes, List<String> journal, long... atMs) {
        return Scripted.builder(nodes, journal, self -> {
            for (int i = 0; i < atMs.length; i++) {
                self.context.setTimer(i, atMs[i] * 1_000);
            }
        }, (self, from, message) -> { }, (self, timer) -> {
            for (int to = 0; to < self.context.processCount(); to++) {
                if (to != self.context.nodeId()) {
                    self.context.send(to, "hello" + timer);
                }
            }
        });
    }

    private static long count(List<String> journal, String fragment) {
        return journal.stream().filter(line -> line.contains(fragment)).count();
    }

    @Test
    void dropRateOneDeliversNothingAndTracesDrops() {
        List<String> journal = Scripted.newJournal();
        InMemoryTraceSink trace = new InMemoryTraceSink(10_000);
        Engine<String> engine = broadcasters(3, journal, 1).links(FIXED_5MS.withDropRate(1.0)).trace(trace).build();
        engine.runUntil(100_000);
        assertEquals(0, count(journal, "got"));
        assertEquals(6, trace.records().stream().filter(r -> r.kind() == TraceKind.DROP && r.detail().equals("lost")).count());
    }

    @Test
    void duplicateRateOneDeliversEveryMessageTwice() {
        List<String> journal = Scripted.newJournal();
        Engine<String> engine = broadcasters(2, journal, 1).links(FIXED_5MS.withDuplicateRate(1.0)).build();
        engine.runUntil(100_000);
        assertEquals(2, count(journal, "n1 got hello0 from n0"));
        assertEquals(2, count(journal, "n0 got hello0 from n1"));
    }

    @Test
    void latencyStaysWithinItsRangeAndSpansIt() {
        List<Long> transitMicros = new java.util.ArrayList<>();
        Engine<String> engine = Scripted.builder(2, Scripted.newJournal(), self -> self.context.setTimer(0, 1_000),
                (self, from, message) -> transitMicros.add(self.context.nowMicros() - Long.parseLong(message)),
                (self, timer) -> {
                    self.context.send(1 - self.context.nodeId(), Long.toString(self.context.nowMicros()));
                    self.context.setTimer(0, 1_000);
                }).links(LinkConfig.DEFAULT.withLatency(2_000, 7_000)).build();
        engine.runUntil(500_000);
        assertTrue(transitMicros.size() > 900, "messages delivered: " + transitMicros.size());
        long min = transitMicros.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = transitMicros.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(min >= 2_000 && max <= 7_000, "transit outside [2, 7] ms: " + min + ".." + max);
        assertTrue(min < 2_100 && max > 6_900, "transit should span the range: " + min + ".." + max);
    }

    @Test
    void fifoLinkDeliversInSendOrderWhileRandomLatencyReorders() {
        for (boolean fifo : new boolean[] {true, false}) {
            List<String> journal = Scripted.newJournal();
            Engine<String> engine = Scripted.builder(2, journal, self -> {
                if (self.context.nodeId() == 0) {
                    for (int i = 0; i < 50; i++) {
                        self.context.send(1, String.format("m%02d", i));
                    }
                }
            }, (self, from, message) -> { }, (self, timer) -> { })
                    .links(LinkConfig.DEFAULT.withLatency(1_000, 50_000).withFifo(fifo)).seed(3).build();
            engine.runUntil(1_000_000);
            List<String> received = journal.stream().filter(l -> l.contains("got")).map(l -> l.substring(l.indexOf("got ") + 4, l.indexOf(" from"))).toList();
            List<String> sorted = received.stream().sorted().toList();
            assertEquals(50, received.size());
            assertEquals(fifo, received.equals(sorted), (fifo ? "FIFO must keep" : "random latency must break") + " send order: " + received);
        }
    }

    @Test
    void partitionCutsOnlyBetweenGroupsAndLeavesUnlistedNodesConnected() {
        List<String> journal = Scripted.newJournal();
        Engine<String> engine = broadcasters(5, journal, 10).links(FIXED_5MS).build();
        engine.schedule(1_000, new FaultAction.Partition(List.of(List.of(0, 1), List.of(2, 3))));
        engine.runUntil(100_000);
        assertEquals(1, count(journal, "n1 got hello0 from n0"));
        assertEquals(0, count(journal, "n2 got hello0 from n0"));
        assertEquals(0, count(journal, "n0 got hello0 from n3"));
        assertEquals(1, count(journal, "n3 got hello0 from n2"));
        assertEquals(4, count(journal, "n4 got"), "node 4 is in no group and reaches everyone");
        assertEquals(1, count(journal, "n0 got hello0 from n4"));
    }

    @Test
    void isolateCutsANodeFromEveryone() {
        List<String> journal = Scripted.newJournal();
        Engine<String> engine = broadcasters(3, journal, 10).links(FIXED_5MS).build();
        engine.schedule(1_000, new FaultAction.Isolate(1));
        engine.runUntil(100_000);
        assertEquals(0, count(journal, "n1 got"));
        assertEquals(0, count(journal, "from n1"));
        assertEquals(1, count(journal, "n2 got hello0 from n0"));
    }

    @Test
    void oneWayCutDeliversInOneDirectionOnly() {
        List<String> journal = Scripted.newJournal();
        Engine<String> engine = broadcasters(2, journal, 10).links(FIXED_5MS).build();
        engine.schedule(1_000, new FaultAction.Cut(0, 1));
        engine.runUntil(100_000);
        assertEquals(0, count(journal, "n1 got hello0 from n0"), "0 -> 1 is cut");
        assertEquals(1, count(journal, "n0 got hello0 from n1"), "1 -> 0 still works");
    }

    @Test
    void healRestoresEveryLink() {
        List<String> journal = Scripted.newJournal();
        Engine<String> engine = broadcasters(3, journal, 10, 50).links(FIXED_5MS).build();
        engine.schedule(1_000, new FaultAction.Isolate(0));
        engine.schedule(30_000, new FaultAction.Heal());
        engine.runUntil(100_000);
        assertEquals(0, count(journal, "got hello0 from n0"));
        assertEquals(2, count(journal, "got hello1 from n0"));
        assertTrue(!engine.network().hasCuts());
    }

    @Test
    void messageInFlightWhenPartitionFormsIsLostOnArrival() {
        List<String> journal = Scripted.newJournal();
        InMemoryTraceSink trace = new InMemoryTraceSink(1_000);
        Engine<String> engine = broadcasters(2, journal, 10).links(FIXED_5MS).trace(trace).build();
        engine.schedule(12_000, new FaultAction.Isolate(1)); // after the send at 10 ms, before arrival at 15 ms
        engine.runUntil(100_000);
        assertEquals(0, count(journal, "got"));
        assertEquals(2, trace.records().stream().filter(r -> r.kind() == TraceKind.DROP && r.detail().equals("partitioned in flight")).count());
    }

    @Test
    void linkWithFullInFlightBoundDropsNewMessages() {
        List<String> journal = Scripted.newJournal();
        InMemoryTraceSink trace = new InMemoryTraceSink(1_000);
        Engine<String> engine = Scripted.builder(2, journal, self -> {
            if (self.context.nodeId() == 0) {
                for (int i = 0; i < 10; i++) {
                    self.context.send(1, "m" + i);
                }
            }
        }, (self, from, message) -> { }, (self, timer) -> { }).links(FIXED_5MS)
                .limits(Limits.DEFAULT.withMaxInFlightPerLink(4)).trace(trace).build();
        engine.runUntil(100_000);
        assertEquals(4, count(journal, "got"));
        assertEquals(6, trace.records().stream().filter(r -> r.kind() == TraceKind.DROP && r.detail().equals("link full")).count());
    }

    @Test
    void linkSettingsChangedMidRunTakeEffectFromThen() {
        List<String> journal = Scripted.newJournal();
        Engine<String> engine = broadcasters(2, journal, 10, 50).links(FIXED_5MS).build();
        engine.schedule(30_000, new FaultAction.SetLinks(FIXED_5MS.withDropRate(1.0)));
        engine.runUntil(100_000);
        assertEquals(2, count(journal, "got hello0"));
        assertEquals(0, count(journal, "got hello1"));
    }
}

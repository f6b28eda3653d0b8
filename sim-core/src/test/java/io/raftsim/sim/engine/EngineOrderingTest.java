package io.raftsim.sim.engine;

import io.raftsim.sim.network.LinkConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events run in (time, issue order); timers re-arm in place and cancel cleanly. */
class EngineOrderingTest {
    private static final LinkConfig FIXED_5MS = new LinkConfig(5_000, 5_000, 0, 5_000, 0, 0, false);

    private static ControlAction action(String name, List<String> order) {
        return new ControlAction() {
            @Override
            public String describe() {
                return name;
            }

            @Override
            public void apply(ControlTarget target) {
                order.add(name);
            }
        };
    }

    @Test
    void eventsAtEqualTimeRunInOrderOfIssue() {
        List<String> order = new ArrayList<>();
        Engine<String> engine = Scripted.recorders(1, Scripted.newJournal()).build();
        for (String name : List.of("c", "a", "d", "b")) {
            engine.schedule(10_000, action(name, order));
        }
        engine.schedule(5_000, action("early", order));
        engine.runUntil(20_000);
        assertEquals(List.of("early", "c", "a", "d", "b"), order);
    }

    @Test
    void messagesWithEqualDeliveryTimeArriveInSendOrder() {
        List<String> journal = Scripted.newJournal();
        Engine<String> engine = Scripted.builder(2, journal, self -> {
            if (self.context.nodeId() == 0) {
                for (int i = 0; i < 5; i++) {
                    self.context.send(1, "m" + i);
                }
            }
        }, (self, from, message) -> { }, (self, timer) -> { }).links(FIXED_5MS).build();
        engine.runUntil(10_000);
        List<String> received = journal.stream().filter(line -> line.contains("got")).toList();
        assertEquals(List.of("t=5 n1 got m0 from n0", "t=5 n1 got m1 from n0", "t=5 n1 got m2 from n0",
                "t=5 n1 got m3 from n0", "t=5 n1 got m4 from n0"), received);
    }

    @Test
    void timersArmedInOrderWithEqualDelayFireInThatOrder() {
        List<String> journal = Scripted.newJournal();
        Engine<String> engine = Scripted.builder(1, journal, self -> {
            self.context.setTimer(2, 1_000);
            self.context.setTimer(0, 1_000);
            self.context.setTimer(1, 1_000);
        }, (self, from, message) -> { }, (self, timer) -> { }).build();
        engine.runUntil(5_000);
        assertEquals(List.of("t=0 n0 start", "t=1 n0 timer 2", "t=1 n0 timer 0", "t=1 n0 timer 1"), journal);
    }

    @Test
    void reArmingATimerMovesItAndCancellingStopsIt() {
        List<String> journal = Scripted.newJournal();
        Engine<String> engine = Scripted.builder(1, journal, self -> {
            self.context.setTimer(0, 10_000);
            self.context.setTimer(0, 3_000); // earlier: moved, not duplicated
            self.context.setTimer(1, 2_000);
            self.context.cancelTimer(1);
            assertFalse(self.context.isTimerSet(1));
            assertTrue(self.context.isTimerSet(0));
        }, (self, from, message) -> { }, (self, timer) -> { }).build();
        engine.runUntil(20_000);
        assertEquals(List.of("t=0 n0 start", "t=3 n0 timer 0"), journal);
    }

    @Test
    void reArmingManyTimesLeavesNoGarbageInTheQueue() {
        List<String> journal = Scripted.newJournal();
        Engine<String> engine = Scripted.builder(1, journal, self -> self.context.setTimer(0, 1_000),
                (self, from, message) -> { }, (self, timer) -> { }).build();
        engine.runUntil(0);
        int queued = engine.queuedEventCount();
        for (int i = 0; i < 100_000; i++) {
            ((Scripted) engine.process(0)).context.setTimer(0, 1_000 + i);
        }
        assertEquals(queued, engine.queuedEventCount(), "a re-armed timer must be moved, not re-queued");
        engine.runUntil(1_000_000);
        assertEquals(List.of("t=0 n0 start", "t=100 n0 timer 0"), journal, "only the last arming fires");
    }
}

package io.raftsim.sim.fault;

import io.raftsim.sim.engine.Engine;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.toy.GossipMessage;
import io.raftsim.sim.toy.GossipSimulation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated schedules are deterministic, recoverable and within their window. */
class FaultScheduleGeneratorTest {
    private static FaultSchedule generate(long seed, FaultProfile profile) {
        return FaultScheduleGenerator.generate(new RandomStream(seed), profile, 5, 1_000_000, 20_000_000, LinkConfig.DEFAULT);
    }

    @Test
    void sameSeedSameScheduleAndEveryFaultIsUndone() {
        FaultProfile all = FaultProfile.allKinds(500_000, 400_000);
        assertEquals(generate(4, all), generate(4, all));
        FaultSchedule schedule = generate(4, all);
        assertTrue(schedule.size() > 20, "a dense schedule: " + schedule.size());
        List<TimedFault> faults = schedule.faults();
        for (int i = 0; i < faults.size(); i++) {
            TimedFault fault = faults.get(i);
            assertTrue(fault.atMicros() >= 1_000_000 && fault.atMicros() <= 20_000_000, fault.toString());
            if (fault.action() instanceof FaultAction.Crash crash) {
                assertTrue(faults.subList(i, faults.size()).stream().anyMatch(f -> f.action().equals(new FaultAction.Restart(crash.node()))),
                        "crash of " + crash.node() + " at " + fault.atMicros() + " is never undone");
            }
            if (fault.action() instanceof FaultAction.Pause pause) {
                assertTrue(faults.subList(i, faults.size()).stream().anyMatch(f -> f.action().equals(new FaultAction.Resume(pause.node()))));
            }
        }
    }

    @Test
    void swarmProfilesEnableDifferentKindsForDifferentSeeds() {
        long distinct = java.util.stream.LongStream.rangeClosed(1, 30)
                .mapToObj(seed -> FaultProfile.swarm(new RandomStream(seed)).enabled().toString()).distinct().count();
        assertTrue(distinct > 10, "swarm profiles should vary: " + distinct);
        for (long seed = 1; seed <= 30; seed++) {
            assertFalse(FaultProfile.swarm(new RandomStream(seed)).enabled().isEmpty());
        }
    }

    @Test
    void recoverAllRestoresAFullyFaultedSystem() {
        Engine<GossipMessage> engine = GossipSimulation.builder(3, 10_000, 2).build();
        engine.schedule(1_000, new FaultAction.Crash(0));
        engine.schedule(1_000, new FaultAction.Pause(1));
        engine.schedule(1_000, new FaultAction.Drift(2, 1.1));
        engine.schedule(1_000, new FaultAction.Isolate(2));
        engine.schedule(1_000, new FaultAction.SetLinks(LinkConfig.DEFAULT.withDropRate(0.5)));
        FaultSchedule.recoverAll(3, 2_000, LinkConfig.DEFAULT).forEach(f -> engine.schedule(f.atMicros(), f.action()));
        engine.runUntil(3_000);
        for (int node = 0; node < 3; node++) {
            assertTrue(engine.isUp(node));
            assertFalse(engine.isPaused(node));
        }
        assertFalse(engine.network().hasCuts());
        assertEquals(LinkConfig.DEFAULT, engine.network().link(0, 1));
        long before = engine.localNowMicros(2);
        engine.runUntil(103_000);
        assertEquals(100_000, engine.localNowMicros(2) - before, "drift is back to 1.0");
    }
}

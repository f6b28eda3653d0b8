package io.raftsim.sim;

import io.raftsim.sim.engine.RunResult;
import io.raftsim.sim.toy.GossipSimulation;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same seed gives the same run; different seeds give different runs. */
class DeterminismProperties {

    @Property(tries = 100)
    void sameSeedAndRandomFaultScheduleGiveIdenticalDigests(@ForAll @LongRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE) long seed,
                                                           @ForAll @IntRange(min = 2, max = 7) int nodes) {
        RunResult first = GossipSimulation.runWithRandomFaults(seed, nodes, 5_000_000);
        RunResult second = GossipSimulation.runWithRandomFaults(seed, nodes, 5_000_000);
        assertEquals(first, second, "seed " + seed);
        assertTrue(first.steps() > 100);
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        long distinct = LongStream.rangeClosed(1, 50)
                .map(seed -> GossipSimulation.runWithRandomFaults(seed, 5, 5_000_000).digest()).distinct().count();
        assertEquals(50, distinct);
    }
}

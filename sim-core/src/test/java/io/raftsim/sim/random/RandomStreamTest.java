package io.raftsim.sim.random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator's output is fixed by its algorithm, and derivation is independent of position. */
class RandomStreamTest {

    @Test
    void matchesTheReferenceSplitMix64OutputsForSeedZero() {
        // First outputs of Vigna's reference splitmix64.c with x = 0.
        RandomStream stream = new RandomStream(0);
        assertEquals(0xE220A8397B1DCDAFL, stream.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, stream.nextLong());
        assertEquals(0x06C45D188009454FL, stream.nextLong());
    }

    @Test
    void derivedStreamsDoNotDependOnHowMuchTheParentWasDrawn() {
        RandomStream fresh = new RandomStream(7);
        RandomStream used = new RandomStream(7);
        for (int i = 0; i < 1_000; i++) {
            used.nextLong();
        }
        assertEquals(fresh.derive("network").nextLong(), used.derive("network").nextLong());
        assertEquals(fresh.derive("node", 3).nextLong(), used.derive("node", 3).nextLong());
    }

    @Test
    void differentNamesAndIndexesGiveDifferentStreams() {
        RandomStream root = new RandomStream(7);
        assertNotEquals(root.derive("network").nextLong(), root.derive("faults").nextLong());
        assertNotEquals(root.derive("node", 1).nextLong(), root.derive("node", 2).nextLong());
        assertNotEquals(new RandomStream(7).derive("x").nextLong(), new RandomStream(8).derive("x").nextLong());
    }

    @Test
    void boundedDrawsStayInRangeAndCoverIt() {
        RandomStream stream = new RandomStream(11);
        boolean[] seen = new boolean[7];
        for (int i = 0; i < 10_000; i++) {
            long value = stream.nextLong(10, 17);
            assertTrue(value >= 10 && value < 17, "out of range: " + value);
            seen[(int) (value - 10)] = true;
            double unit = stream.nextDouble();
            assertTrue(unit >= 0.0 && unit < 1.0);
        }
        for (boolean hit : seen) {
            assertTrue(hit);
        }
        assertEquals(5, stream.nextLong(5, 5), "an empty range returns its minimum");
    }

    @Test
    void chanceOfZeroAndOneDrawNothing() {
        RandomStream a = new RandomStream(3);
        RandomStream b = new RandomStream(3);
        assertTrue(a.chance(1.0));
        assertTrue(!a.chance(0.0));
        assertEquals(b.nextLong(), a.nextLong(), "certain outcomes must not consume draws");
    }
}

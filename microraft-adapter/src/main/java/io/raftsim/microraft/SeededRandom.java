package io.raftsim.microraft;

import io.raftsim.sim.random.RandomStream;

import java.util.Random;

/**
 * The one place this module makes a {@link java.util.Random}: MicroRaft's builder takes
 * nothing else. Seeded, its sequence is fixed by the JDK specification (a 48-bit linear
 * congruential generator), so it is the same on every JDK. The seed is derived by name from
 * the run's stream, the node id and the incarnation: a restart draws a fresh sequence, and
 * no other subsystem's draws shift it.
 */
final class SeededRandom {
    private SeededRandom() {
    }

    static Random forIncarnation(RandomStream run, int nodeId, int incarnation) {
        return new Random(run.derive("microraft-node", nodeId).derive("incarnation", incarnation).nextLong());
    }
}

package io.raftsim.scenarios.format;

import io.raftsim.sim.random.RandomStream;

/**
 * A step's {@code waitMs}: it runs a random while after its {@code atMs}, drawn from the seed
 * anew for every seed and every time the step is at (so each round of {@code rounds} draws
 * its own), as 6.824's TestFigure82C sleeps a random while before crashing the leader.
 * Uniform in [{@code min}, {@code max}], or, with probability {@code tailRate}, uniform in
 * [{@code max}, {@code tailMax}]: the network's long-tail vocabulary (docs/scenario-format.md).
 * Every draw takes exactly two numbers of its stream, so a tail that is off shifts nothing.
 */
public record DrawnWait(long minMicros, long maxMicros, double tailRate, long tailMaxMicros) {
    /** The stream every wait draws from, a child of the run's seed by name; a wait's own child is named by its time. */
    public static final String STREAM = "scenario-waits";

    public DrawnWait {
        if (minMicros < 0 || maxMicros < minMicros || tailMaxMicros < maxMicros || !(tailRate >= 0 && tailRate <= 1)) {
            throw new IllegalArgumentException("a wait is 0 <= min <= max <= tailMax, with a tail rate in [0, 1]: "
                    + minMicros + ", " + maxMicros + ", " + tailRate + ", " + tailMaxMicros);
        }
    }

    /** The longest the wait can be: what a step's deadline and a round's end must allow for. */
    public long longestMicros() {
        return tailRate > 0 ? tailMaxMicros : maxMicros;
    }

    /**
     * The wait of a step at {@code atMicros} in the run of {@code seed}. Steps at the same time
     * with the same range wait the same while, so "wait, then crash the leader and restart a
     * server" is two steps that stay together.
     */
    public long drawMicros(long seed, long atMicros) {
        RandomStream stream = new RandomStream(seed).derive(STREAM).derive("at-" + atMicros);
        boolean tail = stream.nextDouble() < tailRate;
        double uniform = stream.nextDouble();
        long low = tail ? maxMicros : minMicros;
        long high = tail ? tailMaxMicros : maxMicros;
        return low + (long) Math.floor(uniform * (high - low));
    }
}

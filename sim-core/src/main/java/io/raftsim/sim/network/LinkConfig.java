package io.raftsim.sim.network;

/**
 * How one directed link behaves. Latency is uniform in [{@code latencyMinMicros},
 * {@code latencyMaxMicros}]; with probability {@code tailProbability} a message instead
 * takes a long-tail delay uniform in [{@code latencyMaxMicros}, {@code tailMaxMicros}]
 * (a GC pause, a retransmit). Reordering follows from random delays unless {@code fifo}.
 */
public record LinkConfig(
        long latencyMinMicros,
        long latencyMaxMicros,
        double tailProbability,
        long tailMaxMicros,
        double dropRate,
        double duplicateRate,
        boolean fifo) {

    /** A LAN-like link: 1–10 ms, no loss, no duplicates, reordering allowed. */
    public static final LinkConfig DEFAULT = new LinkConfig(1_000, 10_000, 0.0, 10_000, 0.0, 0.0, false);

    public LinkConfig {
        requireNonNegative("latencyMinMicros", latencyMinMicros);
        if (latencyMaxMicros < latencyMinMicros) {
            throw new IllegalArgumentException("latencyMaxMicros " + latencyMaxMicros + " < latencyMinMicros " + latencyMinMicros);
        }
        if (tailMaxMicros < latencyMaxMicros) {
            throw new IllegalArgumentException("tailMaxMicros " + tailMaxMicros + " < latencyMaxMicros " + latencyMaxMicros);
        }
        requireProbability("tailProbability", tailProbability);
        requireProbability("dropRate", dropRate);
        requireProbability("duplicateRate", duplicateRate);
    }

    public LinkConfig withLatency(long minMicros, long maxMicros) {
        return new LinkConfig(minMicros, maxMicros, tailProbability, Math.max(tailMaxMicros, maxMicros), dropRate, duplicateRate, fifo);
    }

    public LinkConfig withTail(double probability, long maxMicros) {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, probability, maxMicros, dropRate, duplicateRate, fifo);
    }

    public LinkConfig withDropRate(double rate) {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, tailProbability, tailMaxMicros, rate, duplicateRate, fifo);
    }

    public LinkConfig withDuplicateRate(double rate) {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, tailProbability, tailMaxMicros, dropRate, rate, fifo);
    }

    public LinkConfig withFifo(boolean inOrder) {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, tailProbability, tailMaxMicros, dropRate, duplicateRate, inOrder);
    }

    private static void requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0: " + value);
        }
    }

    private static void requireProbability(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be in [0, 1]: " + value);
        }
    }
}

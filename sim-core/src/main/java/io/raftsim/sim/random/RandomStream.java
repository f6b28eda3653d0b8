package io.raftsim.sim.random;

/**
 * A seeded stream of pseudo-random numbers: SplitMix64 (Steele, Lea and Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014), written out here so that the
 * output is fixed by this file and not by any JDK version.
 *
 * <p>Streams are derived by name from the stream's origin seed, never from its current
 * position, so that drawing more numbers from one stream (one more message on a link, one
 * more node) never shifts the numbers of another. This is TigerBeetle's "each subsystem
 * gets its own child seed".
 */
public final class RandomStream {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long originSeed;
    private long state;

    public RandomStream(long seed) {
        this.originSeed = seed;
        this.state = seed;
    }

    /** The seed this stream started from; derivation uses it so derivation is position-free. */
    public long originSeed() {
        return originSeed;
    }

    /** An independent child stream; the same parent seed and name always give the same child. */
    public RandomStream derive(String name) {
        return new RandomStream(mix64(originSeed ^ mix64(stableHash(name))));
    }

    /** An independent child stream for the {@code index}-th member of a named family (node 3's timers). */
    public RandomStream derive(String name, int index) {
        return new RandomStream(mix64(originSeed ^ mix64(stableHash(name) + GOLDEN_GAMMA * (index + 1L))));
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, bound), unbiased (rejection as in java.util.Random#nextLong(bound)). */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long mask = bound - 1;
        long r = nextLong() >>> 1;
        if ((bound & mask) == 0) {
            return r & mask;
        }
        for (long u = r; u - (r = u % bound) + mask < 0; u = nextLong() >>> 1) {
            // Reject the few values of the top partial range so every residue is equally likely.
        }
        return r;
    }

    /** Uniform in [min, maxExclusive); returns min when the range is empty. */
    public long nextLong(long min, long maxExclusive) {
        return maxExclusive <= min ? min : min + nextLong(maxExclusive - min);
    }

    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with the given probability; draws nothing when the probability is 0 or 1. */
    public boolean chance(double probability) {
        if (probability <= 0.0) {
            return false;
        }
        if (probability >= 1.0) {
            return true;
        }
        return nextDouble() < probability;
    }

    /** The SplitMix64 finaliser (a variant of MurmurHash3's fmix64). */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the UTF-16 code units: fixed here, unlike anything a JDK may change. */
    public static long stableHash(CharSequence text) {
        long hash = 0xCBF29CE484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001B3L;
        }
        return hash;
    }
}

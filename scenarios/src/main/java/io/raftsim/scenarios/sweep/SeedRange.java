package io.raftsim.scenarios.sweep;

import io.raftsim.scenarios.format.ScenarioException;

/**
 * The seeds of a sweep, {@code from..to} inclusive, optionally one shard of them: shard
 * {@code k} of {@code n} takes every seed whose offset from {@code from} is {@code k-1}
 * modulo {@code n}, so shards are equally loaded and together cover the range exactly once.
 */
public record SeedRange(long from, long to, int shardIndex, int shardCount) {
    public static final long MAX_SEEDS = 100_000_000L;

    public SeedRange {
        if (to < from) {
            throw new IllegalArgumentException("seed range " + from + ".." + to + " is empty");
        }
        if (shardCount < 1 || shardIndex < 1 || shardIndex > shardCount) {
            throw new IllegalArgumentException("shard " + shardIndex + "/" + shardCount + " is not k/n with 1 <= k <= n");
        }
    }

    /** Parses {@code A..B}; {@code field} names the option in the error. */
    public static SeedRange parse(String text, String field) {
        String[] parts = text.split("\\.\\.", -1);
        if (parts.length != 2) {
            throw new ScenarioException(field + ": '" + text + "' is not a seed range A..B (e.g. 1..10000)");
        }
        long from;
        long to;
        try {
            from = Long.parseLong(parts[0].trim());
            to = Long.parseLong(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new ScenarioException(field + ": '" + text + "' is not a seed range A..B of whole numbers");
        }
        if (to < from) {
            throw new ScenarioException(field + ": '" + text + "' is empty: the last seed is below the first");
        }
        if (to - from >= MAX_SEEDS || to - from < 0) {
            throw new ScenarioException(field + ": '" + text + "' has more than " + MAX_SEEDS + " seeds; split it with --shard");
        }
        return new SeedRange(from, to, 1, 1);
    }

    /** Parses what {@link #toString} writes: {@code A..B} or {@code A..B shard K/N}. */
    public static SeedRange parseWritten(String text, String field) {
        int shard = text.indexOf(" shard ");
        if (shard < 0) {
            return parse(text, field);
        }
        return parse(text.substring(0, shard), field).shard(text.substring(shard + " shard ".length()), field);
    }

    /** Whether {@code seed} is one of this shard's seeds. */
    public boolean contains(long seed) {
        return seed >= from && seed <= to && Math.floorMod(seed - from, (long) shardCount) == shardIndex - 1;
    }

    /** Parses {@code K/N} onto this range. */
    public SeedRange shard(String text, String field) {
        String[] parts = text.split("/", -1);
        try {
            if (parts.length == 2) {
                int k = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && n <= 100_000 && k >= 1 && k <= n) {
                    return new SeedRange(from, to, k, n);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ScenarioException(field + ": '" + text + "' is not a shard K/N with 1 <= K <= N <= 100000");
    }

    /** The {@code i}-th seed of this shard. */
    public long seed(long i) {
        return from + (shardIndex - 1) + i * shardCount;
    }

    /** How many seeds this shard holds. */
    public long size() {
        long all = to - from + 1;
        long offset = shardIndex - 1;
        return offset >= all ? 0 : (all - offset + shardCount - 1) / shardCount;
    }

    @Override
    public String toString() {
        return from + ".." + to + (shardCount > 1 ? " shard " + shardIndex + "/" + shardCount : "");
    }
}

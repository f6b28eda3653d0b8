package io.raftsim.scenarios.format;

import io.raftsim.sim.fault.FaultKind;

import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code randomFaults} block: a fault schedule drawn from the seed. With {@code kinds}
 * null the seed also draws which kinds are enabled at all, and with null intervals it draws
 * their rate too (swarm testing, Groce et al. 2012), as the {@code random} scenario does.
 *
 * @param kinds              the fault kinds to draw from, or null for a swarm draw
 * @param meanIntervalMs     mean time between two faults, or null to draw it from the seed
 * @param meanDurationMs     mean time before a fault is undone, or null to draw it
 * @param drawNetwork        the seed also draws network options that hold for the whole run
 *                           (heavy-tail reordering, replies later than requests, a lossy
 *                           base), replacing the {@code network} block's fields it draws
 * @param drawRaftOptions    the seed also draws the Raft options (PreVote, CheckQuorum, fast
 *                           backtracking, batching, pipelining), replacing the {@code raft} block's
 */
public record RandomFaults(Set<FaultKind> kinds, Long meanIntervalMs, Long meanDurationMs,
                           boolean drawNetwork, boolean drawRaftOptions) {
    public static final RandomFaults SWARM = new RandomFaults(null, null, null);

    /** Faults only: the network and Raft options are the file's. */
    public RandomFaults(Set<FaultKind> kinds, Long meanIntervalMs, Long meanDurationMs) {
        this(kinds, meanIntervalMs, meanDurationMs, false, false);
    }

    public RandomFaults {
        kinds = kinds == null ? null : kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(kinds);
    }

    public boolean swarm() {
        return kinds == null && meanIntervalMs == null && meanDurationMs == null;
    }
}

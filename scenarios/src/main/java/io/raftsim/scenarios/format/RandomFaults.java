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
 */
public record RandomFaults(Set<FaultKind> kinds, Long meanIntervalMs, Long meanDurationMs) {
    public static final RandomFaults SWARM = new RandomFaults(null, null, null);

    public RandomFaults {
        kinds = kinds == null ? null : kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(kinds);
    }

    public boolean swarm() {
        return kinds == null && meanIntervalMs == null && meanDurationMs == null;
    }
}

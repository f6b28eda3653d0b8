package io.raftsim.sim.fault;

import io.raftsim.sim.random.RandomStream;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which fault kinds a generated schedule uses and how often. {@link #swarm} draws the
 * enabled kinds from the seed ("Swarm Testing", Groce et al., ISSTA 2012): a run with only
 * crashes explores crash interleavings more deeply than a run where every kind dilutes it.
 *
 * @param meanIntervalMicros mean virtual time between two injected faults
 * @param meanFaultDurationMicros mean time before a fault is undone (restart, heal, resume)
 */
public record FaultProfile(Set<FaultKind> enabled, long meanIntervalMicros, long meanFaultDurationMicros) {

    public FaultProfile {
        enabled = enabled.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(enabled);
        if (meanIntervalMicros <= 0 || meanFaultDurationMicros <= 0) {
            throw new IllegalArgumentException("fault intervals must be positive");
        }
    }

    /** Every kind, at a fixed intensity: the baseline that swarm testing is measured against. */
    public static FaultProfile allKinds(long meanIntervalMicros, long meanFaultDurationMicros) {
        return new FaultProfile(EnumSet.allOf(FaultKind.class), meanIntervalMicros, meanFaultDurationMicros);
    }

    /**
     * Each kind enabled with probability one half (at least one), intensity drawn too: a
     * fault every 100..500 ms on average, each lasting 0.3..2 s on average, so faults overlap.
     * That is busy on purpose. Measured on the planted-bug catalogue (docs/bugs.md), every bug
     * is found faster the busier the schedule: the gentler range used before (a fault every
     * 0.2..3 s) needed about 9 times the seeds for an unpersisted vote and missed the stale
     * vote count in 10,000 seeds. Busy is also where drawing the kinds pays: with every kind
     * on at this rate, other faults mask the two rarest bugs (docs/bugs.md, swarm section).
     */
    public static FaultProfile swarm(RandomStream random) {
        Set<FaultKind> kinds = swarmKinds(random);
        long meanIntervalMicros = random.nextLong(100_000, 500_000);
        long meanDurationMicros = random.nextLong(300_000, 2_000_000);
        return new FaultProfile(kinds, meanIntervalMicros, meanDurationMicros);
    }

    /** The first draws of {@link #swarm}: each kind enabled with probability one half, at least one. */
    public static Set<FaultKind> swarmKinds(RandomStream random) {
        EnumSet<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            if (random.chance(0.5)) {
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty()) {
            kinds.add(FaultKind.values()[random.nextInt(FaultKind.values().length)]);
        }
        return kinds;
    }

    @Override
    public Set<FaultKind> enabled() {
        return EnumSet.copyOf(enabled.isEmpty() ? EnumSet.noneOf(FaultKind.class) : enabled);
    }
}

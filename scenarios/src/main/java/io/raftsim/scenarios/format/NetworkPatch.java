package io.raftsim.scenarios.format;

import io.raftsim.sim.network.LinkOverride;

/** The network fields a {@code network} fault changes; a null field keeps its current value. */
public record NetworkPatch(Double latencyMinMs, Double latencyMaxMs, Double dropRate, Double duplicateRate,
                           Double tailRate, Double tailMaxMs, Boolean fifo) {

    /** Changes nothing. */
    public static final NetworkPatch NONE = new NetworkPatch(null, null, null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** As the engine's partial override of a link's settings (milliseconds to microseconds; {@code fifo} is the link's own). */
    public LinkOverride toLinkOverride() {
        return new LinkOverride(micros(latencyMinMs), micros(latencyMaxMs), tailRate, micros(tailMaxMs), dropRate, duplicateRate);
    }

    private static Long micros(Double ms) {
        return ms == null ? null : NetworkSettings.micros(ms);
    }
}

package io.raftsim.sim.network;

/**
 * Settings that replace some of a link's for one class of traffic (replies, say): a null
 * field follows the link's own setting. Kept partial on purpose, so that a fault which
 * changes the link (a lossy spell) still reaches the fields the override leaves alone, and
 * replies that are only late become late <em>and</em> lossy during the spell.
 */
public record LinkOverride(Long latencyMinMicros, Long latencyMaxMicros, Double tailProbability, Long tailMaxMicros,
                           Double dropRate, Double duplicateRate) {

    /** Overrides nothing: the traffic goes as the link says. */
    public static final LinkOverride NONE = new LinkOverride(null, null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * The link's settings with these fields replaced. A latency range made empty by the
     * override is widened upward, as the scenario format's network patches are: the maximum
     * is at least the minimum, the tail's end at least the maximum.
     */
    public LinkConfig applyTo(LinkConfig base) {
        if (isEmpty()) {
            return base;
        }
        long min = latencyMinMicros != null ? latencyMinMicros : base.latencyMinMicros();
        long max = Math.max(min, latencyMaxMicros != null ? latencyMaxMicros : base.latencyMaxMicros());
        long tailMax = Math.max(max, tailMaxMicros != null ? tailMaxMicros : base.tailMaxMicros());
        return new LinkConfig(min, max,
                tailProbability != null ? tailProbability : base.tailProbability(), tailMax,
                dropRate != null ? dropRate : base.dropRate(),
                duplicateRate != null ? duplicateRate : base.duplicateRate(),
                base.fifo());
    }

    /** The fields set, for fault descriptions and traces ("latency=..us tail=..@..us drop=.."). */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (latencyMinMicros != null || latencyMaxMicros != null) {
            text.append(" latency=").append(latencyMinMicros == null ? "-" : latencyMinMicros).append("..")
                    .append(latencyMaxMicros == null ? "-" : latencyMaxMicros).append("us");
        }
        if (tailProbability != null || tailMaxMicros != null) {
            text.append(" tail=").append(tailProbability == null ? "-" : tailProbability).append("@")
                    .append(tailMaxMicros == null ? "-" : tailMaxMicros).append("us");
        }
        if (dropRate != null) {
            text.append(" drop=").append(dropRate);
        }
        if (duplicateRate != null) {
            text.append(" dup=").append(duplicateRate);
        }
        return text.toString().trim();
    }
}

package io.raftsim.scenarios.format;

import io.raftsim.sim.engine.Time;
import io.raftsim.sim.network.LinkConfig;

/**
 * The {@code network} block of a scenario, for every link: latency uniform in
 * [{@code latencyMinMs}, {@code latencyMaxMs}]; with probability {@code tailRate} a message
 * instead takes a long-tail delay up to {@code tailMaxMs}; loss, duplication, and FIFO
 * order (off: random delays reorder messages).
 */
public record NetworkSettings(long latencyMinMs, long latencyMaxMs, double dropRate, double duplicateRate,
                              double tailRate, long tailMaxMs, boolean fifo) {

    public static final NetworkSettings DEFAULT = new NetworkSettings(1, 10, 0.0, 0.0, 0.0, 10, false);

    public LinkConfig toLinkConfig() {
        return new LinkConfig(Time.ms(latencyMinMs), Time.ms(latencyMaxMs), tailRate, Time.ms(Math.max(tailMaxMs, latencyMaxMs)),
                dropRate, duplicateRate, fifo);
    }

    /** These settings with the fields a {@code network} fault names replaced. */
    public NetworkSettings with(NetworkPatch patch) {
        long min = patch.latencyMinMs() != null ? patch.latencyMinMs() : latencyMinMs;
        long max = patch.latencyMaxMs() != null ? patch.latencyMaxMs() : latencyMaxMs;
        long tailMax = patch.tailMaxMs() != null ? patch.tailMaxMs() : tailMaxMs;
        return new NetworkSettings(min, max,
                patch.dropRate() != null ? patch.dropRate() : dropRate,
                patch.duplicateRate() != null ? patch.duplicateRate() : duplicateRate,
                patch.tailRate() != null ? patch.tailRate() : tailRate,
                Math.max(tailMax, max),
                patch.fifo() != null ? patch.fifo() : fifo);
    }
}

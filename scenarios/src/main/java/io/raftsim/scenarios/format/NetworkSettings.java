package io.raftsim.scenarios.format;

import io.raftsim.sim.engine.Time;
import io.raftsim.sim.network.LinkConfig;

/**
 * The {@code network} block of a scenario, for every link: latency uniform in
 * [{@code latencyMinMs}, {@code latencyMaxMs}]; with probability {@code tailRate} a message
 * instead takes a long-tail delay up to {@code tailMaxMs}; loss, duplication, and FIFO
 * order (off: random delays reorder messages).
 *
 * @param replies fields that differ for replies (AppendEntries, RequestVote and client
 *                replies), each null to follow the field above; {@code fifo} is not among
 *                them. A {@code network} fault changes the fields above, and replies follow
 *                it wherever this leaves them alone.
 * @param clients how links between clients and servers differ, per direction
 *                ({@link ClientLinks}); they too follow a fault's changes wherever they leave
 *                a field alone.
 */
public record NetworkSettings(double latencyMinMs, double latencyMaxMs, double dropRate, double duplicateRate,
                              double tailRate, double tailMaxMs, boolean fifo, NetworkPatch replies, ClientLinks clients) {

    public static final NetworkSettings DEFAULT = new NetworkSettings(1, 10, 0.0, 0.0, 0.0, 10, false);

    public NetworkSettings {
        if (replies == null || replies.fifo() != null) {
            throw new IllegalArgumentException("replies must be a patch without fifo, NetworkPatch.NONE for none: " + replies);
        }
        if (clients == null) {
            throw new IllegalArgumentException("clients must be client links, ClientLinks.NONE for none");
        }
    }

    /** Client links go as server links do. */
    public NetworkSettings(double latencyMinMs, double latencyMaxMs, double dropRate, double duplicateRate,
                           double tailRate, double tailMaxMs, boolean fifo, NetworkPatch replies) {
        this(latencyMinMs, latencyMaxMs, dropRate, duplicateRate, tailRate, tailMaxMs, fifo, replies, ClientLinks.NONE);
    }

    /** Replies go as requests do. */
    public NetworkSettings(double latencyMinMs, double latencyMaxMs, double dropRate, double duplicateRate,
                           double tailRate, double tailMaxMs, boolean fifo) {
        this(latencyMinMs, latencyMaxMs, dropRate, duplicateRate, tailRate, tailMaxMs, fifo, NetworkPatch.NONE);
    }

    public LinkConfig toLinkConfig() {
        return new LinkConfig(micros(latencyMinMs), micros(latencyMaxMs), tailRate, micros(Math.max(tailMaxMs, latencyMaxMs)),
                dropRate, duplicateRate, fifo, replies.toLinkOverride(),
                clients.requests().toLinkOverride(), clients.replies().toLinkOverride());
    }

    /** These settings with replies that differ as {@code patch} says (replacing any earlier reply settings). */
    public NetworkSettings withReplies(NetworkPatch patch) {
        return new NetworkSettings(latencyMinMs, latencyMaxMs, dropRate, duplicateRate, tailRate, tailMaxMs, fifo, patch, clients);
    }

    /** These settings with client links that differ as {@code links} says (replacing any earlier client-link settings). */
    public NetworkSettings withClients(ClientLinks links) {
        return new NetworkSettings(latencyMinMs, latencyMaxMs, dropRate, duplicateRate, tailRate, tailMaxMs, fifo, replies, links);
    }

    /** Milliseconds in a file (fractions allowed, to the microsecond) to engine microseconds. */
    public static long micros(double ms) {
        return Math.round(ms * Time.MICROS_PER_MS);
    }

    /** These settings with the fields a {@code network} fault names replaced. */
    public NetworkSettings with(NetworkPatch patch) {
        double min = patch.latencyMinMs() != null ? patch.latencyMinMs() : latencyMinMs;
        double max = patch.latencyMaxMs() != null ? patch.latencyMaxMs() : latencyMaxMs;
        double tailMax = patch.tailMaxMs() != null ? patch.tailMaxMs() : tailMaxMs;
        return new NetworkSettings(min, max,
                patch.dropRate() != null ? patch.dropRate() : dropRate,
                patch.duplicateRate() != null ? patch.duplicateRate() : duplicateRate,
                patch.tailRate() != null ? patch.tailRate() : tailRate,
                Math.max(tailMax, max),
                patch.fifo() != null ? patch.fifo() : fifo, replies, clients);
    }
}

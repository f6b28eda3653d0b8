package io.raftsim.sim.network;

/**
 * How one directed link behaves. Latency is uniform in [{@code latencyMinMicros},
 * {@code latencyMaxMicros}]; with probability {@code tailProbability} a message instead
 * takes a long-tail delay uniform in [{@code latencyMaxMicros}, {@code tailMaxMicros}]
 * (a GC pause, a retransmit). Reordering follows from random delays unless {@code fifo}.
 *
 * <p>{@code replies} replaces some of these settings for messages the process layer classifies
 * as {@link Traffic#REPLY}, so "replies late, requests on time" is a network one can ask for.
 * It stays partial and rides along every {@code with*} change: a fault that changes the link
 * reaches the reply fields the override leaves alone. The network resolves it once per
 * setting, not per message, and every message still takes the same six draws.
 *
 * <p>{@code clients} and {@code clientReplies} do the same for the links between a client and a
 * server (the network knows which endpoints are clients: {@link Network}'s server count), so
 * client links can be slower or lossier than server links, each direction on its own: a
 * course harness delays and drops the answers to its calls independently of the calls. A
 * client request takes the link's settings with {@code clients} over them; a client reply
 * takes those with the link's {@code replies} under and {@code clientReplies} over them:
 * {@code clientReplies.X}, else {@code clients.X}, else {@code replies.X}, else the link's
 * own. Both empty, a client link goes exactly as a server link.
 */
public record LinkConfig(
        long latencyMinMicros,
        long latencyMaxMicros,
        double tailProbability,
        long tailMaxMicros,
        double dropRate,
        double duplicateRate,
        boolean fifo,
        LinkOverride replies,
        LinkOverride clients,
        LinkOverride clientReplies) {

    /** A LAN-like link: 1–10 ms, no loss, no duplicates, reordering allowed. */
    public static final LinkConfig DEFAULT = new LinkConfig(1_000, 10_000, 0.0, 10_000, 0.0, 0.0, false);

    /** Replies go as requests do. */
    public LinkConfig(long latencyMinMicros, long latencyMaxMicros, double tailProbability, long tailMaxMicros,
                      double dropRate, double duplicateRate, boolean fifo) {
        this(latencyMinMicros, latencyMaxMicros, tailProbability, tailMaxMicros, dropRate, duplicateRate, fifo, LinkOverride.NONE);
    }

    /** Client links go as server links do. */
    public LinkConfig(long latencyMinMicros, long latencyMaxMicros, double tailProbability, long tailMaxMicros,
                      double dropRate, double duplicateRate, boolean fifo, LinkOverride replies) {
        this(latencyMinMicros, latencyMaxMicros, tailProbability, tailMaxMicros, dropRate, duplicateRate, fifo, replies,
                LinkOverride.NONE, LinkOverride.NONE);
    }

    public LinkConfig {
        if (replies == null || clients == null || clientReplies == null) {
            throw new IllegalArgumentException("replies, clients and clientReplies must be overrides, LinkOverride.NONE for none");
        }
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
        return new LinkConfig(minMicros, maxMicros, tailProbability, Math.max(tailMaxMicros, maxMicros), dropRate, duplicateRate, fifo, replies, clients, clientReplies);
    }

    public LinkConfig withTail(double probability, long maxMicros) {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, probability, maxMicros, dropRate, duplicateRate, fifo, replies, clients, clientReplies);
    }

    public LinkConfig withDropRate(double rate) {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, tailProbability, tailMaxMicros, rate, duplicateRate, fifo, replies, clients, clientReplies);
    }

    public LinkConfig withDuplicateRate(double rate) {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, tailProbability, tailMaxMicros, dropRate, rate, fifo, replies, clients, clientReplies);
    }

    public LinkConfig withFifo(boolean inOrder) {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, tailProbability, tailMaxMicros, dropRate, duplicateRate, inOrder, replies, clients, clientReplies);
    }

    public LinkConfig withReplies(LinkOverride override) {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, tailProbability, tailMaxMicros, dropRate, duplicateRate, fifo, override, clients, clientReplies);
    }

    /** These settings with other client-link overrides (replacing any earlier ones). */
    public LinkConfig withClientLinks(LinkOverride requests, LinkOverride answers) {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, tailProbability, tailMaxMicros, dropRate, duplicateRate, fifo, replies, requests, answers);
    }

    /**
     * These links with their own faults taken off: no loss, no duplicates and no long tail, on
     * every link and in every override (replies, client links); latencies and ordering stay, and
     * so do the settings that only shape a tail nobody takes. What a healed network is for the
     * liveness phase. Links without faults are returned as they are.
     */
    public LinkConfig healed() {
        return new LinkConfig(latencyMinMicros, latencyMaxMicros, 0.0, tailMaxMicros, 0.0, 0.0, fifo,
                healed(replies), healed(clients), healed(clientReplies));
    }

    /** An override's fault fields at 0 where it set them (left unset, they follow the healed link's 0). */
    private static LinkOverride healed(LinkOverride override) {
        return new LinkOverride(override.latencyMinMicros(), override.latencyMaxMicros(), zeroIfSet(override.tailProbability()),
                override.tailMaxMicros(), zeroIfSet(override.dropRate()), zeroIfSet(override.duplicateRate()));
    }

    private static Double zeroIfSet(Double probability) {
        return probability == null ? null : 0.0;
    }

    /** True when client links go as server links do. */
    public boolean clientLinksAsServerLinks() {
        return clients.isEmpty() && clientReplies.isEmpty();
    }

    /** The settings a message of this traffic class is routed with, on a link between two servers. */
    public LinkConfig forTraffic(Traffic traffic) {
        return traffic == Traffic.REPLY ? replies.applyTo(this) : this;
    }

    /**
     * The settings a message of this traffic class is routed with, on a link between a client
     * and a server: the server link's, with the client overrides over them (see above).
     */
    public LinkConfig forClientTraffic(Traffic traffic) {
        if (clientLinksAsServerLinks()) {
            return forTraffic(traffic);
        }
        return traffic == Traffic.REPLY ? clientReplies.applyTo(clients.applyTo(replies.applyTo(this))) : clients.applyTo(this);
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

package io.raftsim.sim.network;

import io.raftsim.sim.random.RandomStream;

import java.util.Arrays;

/**
 * The simulated network between a fixed set of endpoints (processes): per directed link a
 * {@link LinkConfig}, a cut flag, an in-flight count and, for FIFO links, the last delivery
 * time. It decides the fate of each message at send time and checks cuts again on arrival
 * (a partition that forms while a message is in the air loses it, as a real one would).
 *
 * <p>Each link draws from its own random stream, derived from the run seed by link name,
 * so traffic on one link never shifts the delays of another.
 *
 * <p>A link's settings may treat replies differently ({@link LinkConfig#replies()}): the
 * engine passes each message's {@link Traffic} class, and a reply is routed with the link's
 * reply settings, resolved here once per change of settings. Same six draws either way.
 *
 * <p>Endpoints from {@code serverCount} on are clients: a link with a client at either end
 * is routed with the settings' client overrides ({@link LinkConfig#forClientTraffic}), so
 * client links can differ from server links, per direction. Cuts treat every link alike.
 */
public final class Network {
    /** {@link #route} results below zero say why a message was lost. */
    public static final long LOST_PARTITIONED = -1;
    public static final long LOST_RANDOMLY = -2;
    public static final long LOST_LINK_FULL = -3;

    private final int endpointCount;
    /** Endpoints below this are servers, the others clients. */
    private final int serverCount;
    private final int maxInFlightPerLink;
    private final RandomStream root;
    private final LinkConfig[] links;
    /** Per link, its settings as requests see them: {@code links[i]}, or its client-link form. */
    private final LinkConfig[] requestLinks;
    /** Per link, its settings as replies see them ({@code links[i].forTraffic(REPLY)}, or its client-link form). */
    private final LinkConfig[] replyLinks;
    private final boolean[] cut;
    private final int[] inFlight;
    private final long[] lastDeliveryMicros;
    private final RandomStream[] linkRandom;
    private int cutCount;
    /** Bumped by every change of a link's settings or cuts: see {@link #changes()}. */
    private long changes;
    /** The link whose last routed message has a duplicate waiting to be collected, or -1. */
    private int pendingCopyLink = -1;
    private long pendingCopyMicros;

    /** A network of servers only. */
    public Network(int endpointCount, LinkConfig defaults, RandomStream root, int maxInFlightPerLink) {
        this(endpointCount, endpointCount, defaults, root, maxInFlightPerLink);
    }

    public Network(int endpointCount, int serverCount, LinkConfig defaults, RandomStream root, int maxInFlightPerLink) {
        if (endpointCount <= 0) {
            throw new IllegalArgumentException("endpointCount must be positive: " + endpointCount);
        }
        if (serverCount < 0 || serverCount > endpointCount) {
            throw new IllegalArgumentException("serverCount must be in [0, " + endpointCount + "]: " + serverCount);
        }
        this.serverCount = serverCount;
        if (maxInFlightPerLink <= 0) {
            throw new IllegalArgumentException("maxInFlightPerLink must be positive: " + maxInFlightPerLink);
        }
        this.endpointCount = endpointCount;
        this.maxInFlightPerLink = maxInFlightPerLink;
        this.root = root;
        int linkCount = endpointCount * endpointCount;
        this.links = new LinkConfig[linkCount];
        this.requestLinks = new LinkConfig[linkCount];
        this.replyLinks = new LinkConfig[linkCount];
        setAllLinks(defaults);
        this.cut = new boolean[linkCount];
        this.inFlight = new int[linkCount];
        this.lastDeliveryMicros = new long[linkCount];
        this.linkRandom = new RandomStream[linkCount];
    }

    public int endpointCount() {
        return endpointCount;
    }

    /**
     * Decides one message's fate: its virtual delivery time, or a {@code LOST_*} code. A
     * routed message counts as in flight until {@link #arrived} is called for it. A duplicate
     * copy, if the link makes one, is collected right after by {@link #duplicate}.
     *
     * <p>Every message takes the same {@link #DRAWS_PER_MESSAGE} draws from its link's
     * stream, whatever the link's settings and cuts: adding or removing a fault (a lossy
     * spell, a partition) changes the fate of the messages it touches, never which draws the
     * next message gets. Shrinking a failing schedule relies on that.
     */
    public long route(int from, int to, long nowMicros) {
        return route(from, to, nowMicros, Traffic.REQUEST);
    }

    /** As {@link #route(int, int, long)}, with the settings the link applies to this traffic class. */
    public long route(int from, int to, long nowMicros, Traffic traffic) {
        int link = index(from, to);
        LinkConfig config = traffic == Traffic.REPLY ? replyLinks[link] : requestLinks[link];
        RandomStream random = random(link, from, to);
        double lossDraw = random.nextDouble();
        long delayMicros = delayMicros(config, random.nextDouble(), random.nextDouble());
        double duplicateDraw = random.nextDouble();
        long copyDelayMicros = delayMicros(config, random.nextDouble(), random.nextDouble());
        pendingCopyLink = -1;
        if (cut[link]) {
            return LOST_PARTITIONED;
        }
        if (lossDraw < config.dropRate()) {
            return LOST_RANDOMLY;
        }
        if (inFlight[link] >= maxInFlightPerLink) {
            return LOST_LINK_FULL;
        }
        long deliveryMicros = schedule(link, config, nowMicros, delayMicros);
        if (duplicateDraw < config.duplicateRate() && inFlight[link] < maxInFlightPerLink) {
            pendingCopyLink = link;
            pendingCopyMicros = schedule(link, config, nowMicros, copyDelayMicros);
        }
        return deliveryMicros;
    }

    /** The delivery time of a duplicate of the message {@link #route} just routed on this link, or -1. */
    public long duplicate(int from, int to, long nowMicros) {
        int link = index(from, to);
        if (pendingCopyLink != link) {
            return -1;
        }
        pendingCopyLink = -1;
        return pendingCopyMicros;
    }

    /** Draws a message takes from its link's stream, whatever happens to it. */
    public static final int DRAWS_PER_MESSAGE = 6;

    /** A delay: with probability tailProbability a long-tail one, else uniform in [min, max]. */
    static long delayMicros(LinkConfig config, double tailDraw, double latencyDraw) {
        return tailDraw < config.tailProbability()
                ? uniform(latencyDraw, config.latencyMaxMicros(), config.tailMaxMicros())
                : uniform(latencyDraw, config.latencyMinMicros(), config.latencyMaxMicros());
    }

    /** {@code u} in [0, 1) mapped to a whole number in [min, maxInclusive], with one draw. */
    public static long uniform(double u, long min, long maxInclusive) {
        return min + Math.min(maxInclusive - min, (long) (u * (maxInclusive - min + 1)));
    }

    /** Called when a routed message leaves the network, delivered or not. */
    public void arrived(int from, int to) {
        int link = index(from, to);
        assert inFlight[link] > 0 : "arrival without a routed message on " + from + "->" + to;
        inFlight[link]--;
    }

    public int inFlight(int from, int to) {
        return inFlight[index(from, to)];
    }

    public boolean isCut(int from, int to) {
        return cut[index(from, to)];
    }

    /** True when any link is cut, i.e. the network is not fully healed. */
    public boolean hasCuts() {
        return cutCount > 0;
    }

    /**
     * Cuts every link between endpoints of different groups. Endpoints in no group keep all
     * their links (clients that can reach both sides, for instance). Composes with earlier cuts.
     */
    public void partition(int[][] groups) {
        int[] groupOf = new int[endpointCount];
        Arrays.fill(groupOf, -1);
        for (int g = 0; g < groups.length; g++) {
            for (int endpoint : groups[g]) {
                checkEndpoint(endpoint);
                groupOf[endpoint] = g;
            }
        }
        for (int from = 0; from < endpointCount; from++) {
            for (int to = 0; to < endpointCount; to++) {
                if (groupOf[from] >= 0 && groupOf[to] >= 0 && groupOf[from] != groupOf[to]) {
                    setCut(index(from, to), true);
                }
            }
        }
    }

    /** Cuts both directions of every link of {@code endpoint}. */
    public void isolate(int endpoint) {
        checkEndpoint(endpoint);
        for (int other = 0; other < endpointCount; other++) {
            if (other != endpoint) {
                setCut(index(endpoint, other), true);
                setCut(index(other, endpoint), true);
            }
        }
    }

    /** Cuts one direction only: {@code from} can no longer reach {@code to}, the reverse still works. */
    public void cut(int from, int to) {
        setCut(index(from, to), true);
    }

    /**
     * Undoes the cuts of one server, as the course harness's {@code connect(i)} does: both
     * directions of its links with every client, and with every server that is not itself cut
     * off, come back; links with a server still cut off from every other server stay cut, so
     * reconnecting one of two disconnected servers does not join it to the other. Computed
     * against the cuts before the call. Link settings are not touched.
     */
    public void reconnect(int server) {
        checkEndpoint(server);
        boolean[] staysCut = new boolean[endpointCount];
        for (int other = 0; other < serverCount; other++) {
            staysCut[other] = other != server && isCutOff(other);
        }
        for (int other = 0; other < endpointCount; other++) {
            if (other != server && !staysCut[other]) {
                setCut(index(server, other), false);
                setCut(index(other, server), false);
            }
        }
    }

    /**
     * True when every link between {@code server} and every other server is cut, both ways (as
     * {@code isolate}, or a partition group of its own, leaves it): the course harness's
     * "disconnected". A cluster of one server is never cut off.
     */
    public boolean isCutOff(int server) {
        checkEndpoint(server);
        if (serverCount < 2) {
            return false;
        }
        for (int other = 0; other < serverCount; other++) {
            if (other != server && !(cut[index(server, other)] && cut[index(other, server)])) {
                return false;
            }
        }
        return true;
    }

    /** Restores every cut link. Link settings (latency, loss) are not touched. */
    public void heal() {
        Arrays.fill(cut, false);
        cutCount = 0;
        changes++;
    }

    /**
     * A count that moves whenever a link's settings or cuts may have changed: a check that mirrors
     * the network's state reads it again only when this moved, not after every step.
     */
    public long changes() {
        return changes;
    }

    public LinkConfig link(int from, int to) {
        return links[index(from, to)];
    }

    public void setLink(int from, int to, LinkConfig config) {
        int link = index(from, to);
        boolean clientLink = isClientLink(from, to);
        links[link] = config;
        changes++;
        requestLinks[link] = clientLink ? config.forClientTraffic(Traffic.REQUEST) : config;
        replyLinks[link] = clientLink ? config.forClientTraffic(Traffic.REPLY) : config.forTraffic(Traffic.REPLY);
    }

    /** The same settings for every link; client links take them in their client-link form. */
    public void setAllLinks(LinkConfig config) {
        Arrays.fill(links, config);
        changes++;
        LinkConfig serverReplies = config.forTraffic(Traffic.REPLY);
        LinkConfig clientRequests = config.forClientTraffic(Traffic.REQUEST);
        LinkConfig clientReplies = config.forClientTraffic(Traffic.REPLY);
        for (int from = 0; from < endpointCount; from++) {
            for (int to = 0; to < endpointCount; to++) {
                int link = from * endpointCount + to;
                boolean clientLink = isClientLink(from, to);
                requestLinks[link] = clientLink ? clientRequests : config;
                replyLinks[link] = clientLink ? clientReplies : serverReplies;
            }
        }
    }

    /** True when a client is at either end of the link. */
    public boolean isClientLink(int from, int to) {
        return from >= serverCount || to >= serverCount;
    }

    public int serverCount() {
        return serverCount;
    }

    private long schedule(int link, LinkConfig config, long nowMicros, long delayMicros) {
        long deliveryMicros = nowMicros + delayMicros;
        if (config.fifo()) {
            // Equal times are delivered in send order: the event queue breaks ties by sequence.
            deliveryMicros = Math.max(deliveryMicros, lastDeliveryMicros[link]);
        }
        lastDeliveryMicros[link] = Math.max(lastDeliveryMicros[link], deliveryMicros);
        inFlight[link]++;
        return deliveryMicros;
    }

    private RandomStream random(int link, int from, int to) {
        RandomStream random = linkRandom[link];
        if (random == null) {
            random = root.derive("link", from * 65_536 + to);
            linkRandom[link] = random;
        }
        return random;
    }

    private void setCut(int link, boolean value) {
        if (cut[link] != value) {
            cut[link] = value;
            cutCount += value ? 1 : -1;
            changes++;
        }
    }

    private int index(int from, int to) {
        checkEndpoint(from);
        checkEndpoint(to);
        return from * endpointCount + to;
    }

    private void checkEndpoint(int endpoint) {
        if (endpoint < 0 || endpoint >= endpointCount) {
            throw new IllegalArgumentException("no endpoint " + endpoint + " (there are " + endpointCount + ")");
        }
    }
}

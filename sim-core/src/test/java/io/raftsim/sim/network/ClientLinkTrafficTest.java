package io.raftsim.sim.network;

import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client links (a client at either end) go by the link's client overrides, each direction on
 * its own; server links never do; and without overrides nothing differs, not even a draw.
 */
class ClientLinkTrafficTest {
    private static final LinkConfig FIXED_5MS = new LinkConfig(5_000, 5_000, 0, 5_000, 0, 0, false);
    private static final LinkOverride LOSE_ALL = new LinkOverride(null, null, null, null, 1.0, null);
    private static final LinkOverride SLOW_20MS = new LinkOverride(20_000L, 20_000L, null, null, null, null);

    /** Two servers (0, 1) and one client (2). */
    private static Network network(LinkConfig links) {
        return new Network(3, 2, links, new RandomStream(7).derive("network"), 1_000);
    }

    @Test
    void clientRequestsAndClientRepliesEachGoByTheirOwnOverride() {
        Network network = network(FIXED_5MS.withClientLinks(SLOW_20MS, LOSE_ALL));
        for (int i = 0; i < 50; i++) {
            assertEquals(20_000, network.route(2, 0, 0, Traffic.REQUEST), "client request to a server");
            network.arrived(2, 0);
            assertEquals(Network.LOST_RANDOMLY, network.route(0, 2, 0, Traffic.REPLY), "a server's answer to a client");
            assertEquals(5_000, network.route(0, 1, 0, Traffic.REQUEST), "server links keep the link's settings");
            network.arrived(0, 1);
            assertEquals(5_000, network.route(1, 0, 0, Traffic.REPLY));
            network.arrived(1, 0);
        }
    }

    @Test
    void clientRepliesFollowTheClientBlockThenTheLinksReplies() {
        LinkConfig links = FIXED_5MS.withReplies(new LinkOverride(9_000L, 9_000L, null, null, null, null))
                .withClientLinks(new LinkOverride(null, null, null, null, null, 0.0), LinkOverride.NONE);
        LinkConfig clientReply = links.forClientTraffic(Traffic.REPLY);
        assertEquals(9_000, clientReply.latencyMinMicros(), "no client field: the link's reply setting");
        LinkConfig slowClients = FIXED_5MS.withReplies(new LinkOverride(9_000L, 9_000L, null, null, null, null))
                .withClientLinks(SLOW_20MS, LinkOverride.NONE);
        assertEquals(20_000, slowClients.forClientTraffic(Traffic.REPLY).latencyMinMicros(), "the client block is more specific");
        assertEquals(9_000, slowClients.forTraffic(Traffic.REPLY).latencyMinMicros(), "server replies keep theirs");
    }

    @Test
    void aFaultOnEveryLinkReachesTheFieldsTheClientOverridesLeaveAlone() {
        LinkConfig slowClients = FIXED_5MS.withClientLinks(SLOW_20MS, LinkOverride.NONE);
        Network network = network(slowClients);
        network.setAllLinks(slowClients.withDropRate(1.0));
        assertEquals(Network.LOST_RANDOMLY, network.route(2, 1, 0, Traffic.REQUEST), "the lossy spell reaches client links");
        network.setAllLinks(slowClients);
        assertEquals(20_000, network.route(2, 1, 0, Traffic.REQUEST));
    }

    /** Digests of every existing run rely on it: no overrides, no change, draws included. */
    @Test
    void withoutClientOverridesAClientLinkIsAServerLink() {
        LinkConfig jittery = LinkConfig.DEFAULT.withTail(0.3, 80_000).withDropRate(0.2).withDuplicateRate(0.2);
        Network servers = new Network(3, jittery, new RandomStream(7).derive("network"), 1_000);
        Network withClient = network(jittery);
        for (int i = 0; i < 300; i++) {
            Traffic traffic = i % 2 == 0 ? Traffic.REPLY : Traffic.REQUEST;
            long a = servers.route(2, 0, i * 1_000L, traffic);
            long b = withClient.route(2, 0, i * 1_000L, traffic);
            assertEquals(a, b, "message " + i);
            assertEquals(servers.duplicate(2, 0, i * 1_000L), withClient.duplicate(2, 0, i * 1_000L));
        }
        assertTrue(jittery.clientLinksAsServerLinks());
        assertFalse(new FaultAction.SetLinks(jittery).describe().contains("client"), "descriptions, and so digests, stay as they were");
    }

    @Test
    void overridesNeverShiftTheDrawsOfServerMessages() {
        LinkConfig jittery = LinkConfig.DEFAULT.withTail(0.3, 80_000);
        Network plain = network(jittery);
        Network lossyClients = network(jittery.withClientLinks(LOSE_ALL, LOSE_ALL));
        for (int i = 0; i < 200; i++) {
            assertEquals(plain.route(0, 1, i * 1_000L, Traffic.REQUEST), lossyClients.route(0, 1, i * 1_000L, Traffic.REQUEST));
            plain.arrived(0, 1);
            lossyClients.arrived(0, 1);
            assertEquals(Network.LOST_RANDOMLY, lossyClients.route(2, 1, i * 1_000L, Traffic.REQUEST));
        }
    }
}

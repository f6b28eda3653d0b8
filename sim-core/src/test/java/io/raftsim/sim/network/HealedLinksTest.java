package io.raftsim.sim.network;

import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LinkConfig#healed()}: what the liveness phase's network is. Every fault of the link's own is gone, its latency is not. */
class HealedLinksTest {
    private static final LinkOverride LOSE_EVERYTHING = new LinkOverride(null, null, 1.0, 900_000L, 1.0, 1.0);

    @Test
    void healedLinksLoseDuplicateAndDelayNothingWhateverTheOverridesSaid() {
        LinkConfig faulty = new LinkConfig(2_000, 7_000, 0.5, 4_000_000, 1.0, 1.0, false)
                .withReplies(LOSE_EVERYTHING).withClientLinks(LOSE_EVERYTHING, LOSE_EVERYTHING);
        Network network = new Network(3, 2, faulty.healed(), new RandomStream(7).derive("network"), 1_000);
        for (int i = 0; i < 1_000; i++) {
            for (Traffic traffic : Traffic.values()) {
                for (int[] link : new int[][] {{0, 1}, {0, 2}, {2, 0}}) { // server to server, to a client, from a client
                    long delivery = network.route(link[0], link[1], 0, traffic);
                    assertTrue(delivery >= 2_000 && delivery <= 7_000, traffic + " " + link[0] + "->" + link[1] + ": " + delivery);
                    assertEquals(-1, network.duplicate(link[0], link[1], 0));
                    network.arrived(link[0], link[1]);
                }
            }
        }
    }

    @Test
    void healedLinksKeepTheirLatenciesAndOrdering() {
        LinkOverride slowAndLossy = new LinkOverride(20_000L, 30_000L, 0.5, 900_000L, 0.3, 0.2);
        LinkConfig healed = new LinkConfig(2_000, 7_000, 0.5, 4_000_000, 0.3, 0.2, true)
                .withReplies(slowAndLossy).withClientLinks(slowAndLossy, LinkOverride.NONE).healed();
        LinkOverride slow = new LinkOverride(20_000L, 30_000L, 0.0, 900_000L, 0.0, 0.0);
        assertEquals(new LinkConfig(2_000, 7_000, 0.0, 4_000_000, 0.0, 0.0, true, slow, slow, LinkOverride.NONE), healed);
    }

    @Test
    void linksWithoutFaultsAreHealedAsTheyAre() {
        LinkConfig calm = LinkConfig.DEFAULT.withLatency(1_000, 2_000)
                .withReplies(new LinkOverride(null, null, 0.0, null, 0.0, null))
                .withClientLinks(new LinkOverride(5_000L, 9_000L, null, null, null, null), LinkOverride.NONE);
        assertEquals(calm, calm.healed());
        assertEquals(LinkConfig.DEFAULT, LinkConfig.DEFAULT.healed());
    }
}

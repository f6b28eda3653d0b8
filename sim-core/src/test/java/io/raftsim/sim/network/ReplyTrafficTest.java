package io.raftsim.sim.network;

import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A link's reply override: replies go by it, requests do not, and no message's draws move. */
class ReplyTrafficTest {
    private static final LinkConfig FIXED_5MS = new LinkConfig(5_000, 5_000, 0, 5_000, 0, 0, false);
    private static final LinkOverride LOSE_EVERY_REPLY = new LinkOverride(null, null, null, null, 1.0, null);

    private static Network network(LinkConfig links) {
        return new Network(2, links, new RandomStream(7).derive("network"), 1_000);
    }

    @Test
    void repliesGoByTheOverrideAndRequestsByTheLink() {
        Network network = network(FIXED_5MS.withReplies(LOSE_EVERY_REPLY));
        for (int i = 0; i < 100; i++) {
            assertEquals(Network.LOST_RANDOMLY, network.route(0, 1, 0, Traffic.REPLY));
            assertEquals(5_000, network.route(0, 1, 0, Traffic.REQUEST));
        }
    }

    @Test
    void fieldsTheOverrideLeavesAloneFollowAFaultOnTheLink() {
        LinkConfig lateReplies = FIXED_5MS.withReplies(new LinkOverride(null, null, 1.0, 900_000L, null, null));
        Network network = network(lateReplies);
        network.setAllLinks(lateReplies.withDropRate(1.0));   // a lossy spell: the override keeps its tail, takes the loss
        assertEquals(Network.LOST_RANDOMLY, network.route(0, 1, 0, Traffic.REPLY));
        network.setAllLinks(lateReplies);
        long delivery = network.route(0, 1, 0, Traffic.REPLY);
        assertTrue(delivery >= 5_000 && delivery <= 900_000, "a tail delay: " + delivery);
    }

    /** Shrinking relies on it: the override changes the fate of replies, never the draws of the next message. */
    @Test
    void anOverrideNeverShiftsTheDrawsOfOtherMessages() {
        LinkConfig jittery = LinkConfig.DEFAULT.withTail(0.3, 80_000);
        Network plain = network(jittery);
        Network late = network(jittery.withReplies(new LinkOverride(2_000L, 3_000L, 0.9, 2_000_000L, 0.5, 0.5)));
        for (int i = 0; i < 500; i++) {
            Traffic traffic = i % 3 == 0 ? Traffic.REPLY : Traffic.REQUEST;
            long a = plain.route(0, 1, i * 1_000L, traffic);
            long b = late.route(0, 1, i * 1_000L, traffic);
            if (traffic == Traffic.REQUEST) {
                assertEquals(a, b, "request " + i);
            }
            if (a >= 0) {
                plain.arrived(0, 1);
            }
            if (b >= 0) {
                late.arrived(0, 1);
            }
            plain.duplicate(0, 1, i * 1_000L);
            late.duplicate(0, 1, i * 1_000L);
        }
    }

    @Test
    void linksWithoutAnOverrideDescribeAsBefore() {
        String before = "links latency=1000..10000us tail=0.0@10000us drop=0.0 dup=0.0 fifo=false";
        assertEquals(before, new FaultAction.SetLinks(LinkConfig.DEFAULT).describe());
        String withReplies = new FaultAction.SetLinks(LinkConfig.DEFAULT.withReplies(LOSE_EVERY_REPLY)).describe();
        assertEquals(before + " replies drop=1.0", withReplies);
    }
}

package io.raftsim.raft.check;

import io.raftsim.raft.RaftConfig;
import io.raftsim.sim.network.LinkConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounds are the derivations of docs/efficiency.md, and quiet windows exist only where their timing assumptions hold. */
class EfficiencyBoundsTest {
    private static final RaftConfig RAFT = RaftConfig.defaults(5); // Emin 150 ms, Emax 300 ms, H 50 ms

    @Test
    void theDefaultSettingsMeetRaftsTimingRequirementSoQuietWindowsCount() {
        EfficiencyBounds bounds = EfficiencyBounds.of(RAFT, LinkConfig.DEFAULT); // 1..10 ms, no loss
        assertTrue(bounds.quietWindowsApply());
        assertEquals(10_000, bounds.latencyMaxMicros());
        // settle + H + (rounds + 1)(Emax + 3 Lmax): 10 + 50 + 2 x 330 ms after one round.
        assertEquals(720_000, bounds.leaderRecoveryBoundMicros(10_000, 1));
        // Every round adds one election timeout and three deliveries: split votes never make it fail.
        assertEquals(330_000, bounds.leaderRecoveryBoundMicros(10_000, 2) - bounds.leaderRecoveryBoundMicros(10_000, 1));
    }

    @Test
    void lossDuplicationOrALongTailLeaveNoQuietWindow() {
        assertFalse(EfficiencyBounds.of(RAFT, LinkConfig.DEFAULT.withDropRate(0.1)).quietWindowsApply());
        assertFalse(EfficiencyBounds.of(RAFT, LinkConfig.DEFAULT.withDuplicateRate(0.01)).quietWindowsApply());
        // flaky-network's tail: a delivery may take 2.2 s, longer than any election timeout.
        EfficiencyBounds tail = EfficiencyBounds.of(RAFT, LinkConfig.DEFAULT.withTail(0.3, 2_200_000));
        assertFalse(tail.quietWindowsApply());
        assertEquals(2_200_000, tail.latencyMaxMicros());
        // Heartbeats slower than the shortest timeout break H + Lmax - Lmin < Emin.
        assertFalse(EfficiencyBounds.of(RAFT.withHeartbeatInterval(145_000), LinkConfig.DEFAULT).quietWindowsApply());
    }

    @Test
    void theMessageBoundCountsRequestsAndRepliesPerPeerForEachEntryHeartbeatAndCatchUpIndex() {
        EfficiencyBounds bounds = EfficiencyBounds.of(RAFT, LinkConfig.DEFAULT);
        long base = bounds.messageBoundForInterval(0, 1, 0);
        assertEquals(8, bounds.messageBoundForInterval(1, 1, 0) - base, "one entry: an append and a reply to each of 4 peers");
        assertEquals(8, bounds.messageBoundForInterval(0, 2, 0) - base, "one heartbeat period more: the same");
        assertEquals(4, bounds.messageBoundForInterval(0, 1, 1) - base,
                "one index to catch up: a probe rejected over it, then an append carrying it, each with its reply");
    }

    @Test
    void withPipeliningOverAReorderingLinkEachIndexMayGoOutOncePerAppendInFlight() {
        // Sweep random seed 33226: a pipelined catch-up flapped between REPLICATE and PROBE.
        EfficiencyBounds bounds = EfficiencyBounds.of(RAFT.withBatching(1, 4), LinkConfig.DEFAULT);
        long base = bounds.messageBoundForInterval(0, 1, 0);
        assertEquals(32, bounds.messageBoundForInterval(1, 1, 0) - base, "one entry: up to 4 sends and replies to each of 4 peers");
        assertEquals(8, bounds.messageBoundForInterval(0, 2, 0) - base, "a heartbeat period is one append per peer whatever W is");
        assertEquals(10, bounds.messageBoundForInterval(0, 1, 1) - base, "a catch-up index: a rejected probe, then up to 4 sends, with replies");
    }
}

package io.raftsim.harness.check;

import io.raftsim.harness.RaftConfig;
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

    private static boolean quiet(long heartbeatMicros, long latencyMinMicros, long latencyMaxMicros) {
        return EfficiencyBounds.of(RAFT.withHeartbeatInterval(heartbeatMicros), LinkConfig.DEFAULT.withLatency(latencyMinMicros, latencyMaxMicros))
                .quietWindowsApply();
    }

    @Test
    void eachTimingAssumptionIsStrictAndFailsAtEquality() {
        // A heartbeat lands before a follower's timeout: H + Lmax - Lmin < Emin (150 ms); Lmin is subtracted, not added.
        assertTrue(quiet(140_999, 1_000, 10_000), "140.999 + 10 - 1 < 150");
        assertFalse(quiet(141_000, 1_000, 10_000), "141 + 10 - 1 = 150");
        // A new leader's first append beats the timer a voter restarted: 4 Lmax < Emin.
        assertTrue(quiet(80_000, 1_000, 37_499), "4 x 37.499 < 150");
        assertFalse(quiet(80_000, 1_000, 37_500), "4 x 37.5 = 150");
        // An append is acknowledged within one heartbeat: 2 Lmax < H.
        assertTrue(quiet(50_000, 1_000, 24_999), "2 x 24.999 < 50");
        assertFalse(quiet(50_000, 1_000, 25_000), "2 x 25 = 50");
    }

    @Test
    void aTailThatNeverHappensDoesNotCountAsTheLatencyMaximum() {
        EfficiencyBounds noTail = EfficiencyBounds.of(RAFT, LinkConfig.DEFAULT.withTail(0.0, 2_200_000));
        assertEquals(10_000, noTail.latencyMaxMicros());
        assertEquals(1_000, noTail.latencyMinMicros());
        assertTrue(noTail.quietWindowsApply());
    }

    @Test
    void theBoundsAtTheirSmallestArguments() {
        EfficiencyBounds bounds = EfficiencyBounds.of(RAFT, LinkConfig.DEFAULT);
        assertEquals(new EfficiencyBounds(150_000, 300_000, 50_000, 1_000, 10_000, 5, 1, true), bounds);
        // No round yet: settle + H + one election timeout and three deliveries = 0 + 50 + 330 ms.
        assertEquals(380_000, bounds.leaderRecoveryBoundMicros(0, 0));
        // Per peer (4), a request and a reply for each of: no entry, one heartbeat, one append in flight, and 3 more.
        assertEquals(40, bounds.messageBoundForInterval(0, 1, 0));
        assertEquals(2 * 4 * (2 + 3 + 1 + 3) + 4 * 5, bounds.messageBoundForInterval(2, 3, 5));
        EfficiencyBounds single = EfficiencyBounds.of(RaftConfig.defaults(1), LinkConfig.DEFAULT);
        assertEquals(4 * 7, single.messageBoundForInterval(100, 100, 7), "a cluster of one sends no RPCs but catch-up ones are allowed");
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

package io.raftsim.harness.check;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.bugs.Bug;
import io.raftsim.harness.client.Workload;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.network.LinkConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the efficiency checks guarantee, on real five-server runs with small hand-built faults:
 * each check is shown firing when its bound is missed (a planted mistake, or a bound set tighter
 * than the settings derive) and staying quiet on the same run judged by the derived bounds.
 */
@DisplayName("EfficiencyMonitor: wasted elections, leader recovery and messages per entry")
class EfficiencyMonitorTest {
    private static final RaftConfig RAFT = RaftConfig.defaults(5);
    private static final EfficiencyBounds DERIVED = EfficiencyBounds.of(RAFT, LinkConfig.DEFAULT);
    /** Every election timeout exactly 150 ms (timeouts are drawn from [min, max)), so a timer's expiry is known to the microsecond. */
    private static final RaftConfig EXACT_TIMEOUT = RAFT.withElectionTimeout(150_000, 150_001);

    private static EfficiencyRun run(RaftConfig raft, EfficiencyBounds bounds, long seed, Bug... bugs) {
        return new EfficiencyRun(raft, LinkConfig.DEFAULT, bounds, Workload.none(), seed, Set.of(bugs));
    }

    /** Every timeout 150 ms, but n1's first one 50 ms: n1 leads, and its followers' timers all run out exactly 150 ms after they last heard it. */
    private static EfficiencyRun exact(RaftConfig raft, EfficiencyBounds bounds) {
        return new EfficiencyRun(raft, LinkConfig.DEFAULT, bounds, Workload.none(), 1, Set.of(), 50_000);
    }

    private static EfficiencyBounds withElectionTimeoutMin(long eminMicros) {
        return new EfficiencyBounds(eminMicros, DERIVED.electionTimeoutMaxMicros(), DERIVED.heartbeatIntervalMicros(),
                DERIVED.latencyMinMicros(), DERIVED.latencyMaxMicros(), 5, 1, true);
    }

    /** Runs 1 s, crashes the leader (and applies {@code more} with it), runs to 3 s. */
    private static EfficiencyRun crashLeaderAt1s(EfficiencyRun run, FaultAction... more) {
        run.runUntil(1_000_000);
        int leader = run.leader();
        assertTrue(leader >= 0, "one leader after 1 s");
        run.fault(new FaultAction.Crash(leader));
        run.fault(more);
        run.runUntil(3_000_000);
        return run;
    }

    // ---- wasted elections (Figure 2, Rules for Servers: followers restart the timer on hearing the leader or granting a vote)

    @Test
    void aVoterThatKeepsItsOldDeadlineStartsAWastedElection() {
        EfficiencyRun buggy = run(RAFT, DERIVED, 1, Bug.NO_TIMER_RESET_ON_VOTE);
        buggy.runUntil(1_000_000);
        assertEquals(EfficiencyProperty.ELECTION_EFFICIENCY, buggy.monitor.failedProperty());
        assertEquals("n4 started an election (candidate, term 2) at 208.020 ms, 11.171 ms after granting its vote to n1 in term 1;"
                + " an election timeout is at least 150 ms, so the rules (Figure 2, Rules for Servers; §5.2) forbid it: a wasted election",
                buggy.monitor.failure());

        EfficiencyRun correct = run(RAFT, DERIVED, 1);
        correct.runUntil(1_000_000);
        assertNull(correct.monitor.failedProperty(), correct.monitor.failure());
        assertTrue(correct.monitor.stats().candidaciesJudged() >= 1, "the first election after the staged start is judged");
    }

    @Test
    void aCandidateThatIgnoresTheLeaderOfItsTermStartsAWastedElection() {
        EfficiencyRun buggy = run(RAFT, DERIVED, 2, Bug.CANDIDATE_IGNORES_LEADER);
        buggy.runUntil(1_000_000);
        assertEquals(EfficiencyProperty.ELECTION_EFFICIENCY, buggy.monitor.failedProperty());
        assertEquals("n4 started an election (candidate, term 2) at 316.951 ms, 33.981 ms after hearing AppendEntries from n5, the leader of term 1;"
                + " an election timeout is at least 150 ms, so the rules (Figure 2, Rules for Servers; §5.2) forbid it: a wasted election",
                buggy.monitor.failure());
        assertNull(run(RAFT, DERIVED, 2).monitor.failedProperty());
    }

    @Test
    void anElectionExactlyTheMinimumTimeoutAfterTheLeaderWasLastHeardIsNotWastedOneMicrosecondEarlierIs() {
        // The followers of a crashed leader time out exactly 150 ms after its last heartbeat.
        EfficiencyRun atTheMinimum = crashLeaderAt1s(exact(EXACT_TIMEOUT, withElectionTimeoutMin(150_000)));
        assertNull(atTheMinimum.monitor.failedProperty(), atTheMinimum.monitor.failure());
        assertTrue(atTheMinimum.monitor.stats().candidaciesJudged() >= 2, "the first election and the one after the crash");

        EfficiencyRun early = crashLeaderAt1s(exact(EXACT_TIMEOUT, withElectionTimeoutMin(150_001)));
        assertEquals(EfficiencyProperty.ELECTION_EFFICIENCY, early.monitor.failedProperty());
        assertTrue(early.monitor.failure().contains(", 150 ms after hearing AppendEntries from n"), early.monitor.failure());
        assertTrue(early.monitor.failure().endsWith("an election timeout is at least 150.001 ms, so the rules (Figure 2, Rules for Servers; §5.2) forbid it: a wasted election"),
                early.monitor.failure());
    }

    @Test
    void withPreVoteThePreCandidacyIsWhatTheTimerStartsAndWhatIsJudged() {
        RaftConfig preVote = EXACT_TIMEOUT.withPreVote(true);
        EfficiencyRun atTheMinimum = crashLeaderAt1s(exact(preVote, withElectionTimeoutMin(150_000)));
        assertNull(atTheMinimum.monitor.failedProperty(), atTheMinimum.monitor.failure());
        assertTrue(atTheMinimum.monitor.stats().candidaciesJudged() >= 2);

        EfficiencyRun early = crashLeaderAt1s(exact(preVote, withElectionTimeoutMin(150_001)));
        assertEquals(EfficiencyProperty.ELECTION_EFFICIENCY, early.monitor.failedProperty());
        assertTrue(early.monitor.failure().contains("(pre-vote, term "), early.monitor.failure());
    }

    @Test
    void aServerWhoseClockDriftsIsNotJudgedOnceItsDriftHasEndedAndItHeardTheLeaderAgainItIs() {
        // A bound one microsecond over the real timeout flags every election the timer starts...
        EfficiencyBounds strict = withElectionTimeoutMin(150_001);
        FaultAction[] drift = new FaultAction[5];
        for (int i = 0; i < 5; i++) {
            drift[i] = new FaultAction.Drift(i, 1.0001);
        }
        // ...except on a drifted clock, whose timer the rules do not pin to virtual time.
        EfficiencyRun drifting = crashLeaderAt1s(exact(EXACT_TIMEOUT, strict), drift);
        assertNull(drifting.monitor.failedProperty(), drifting.monitor.failure());

        // Drift that ended before the leader was last heard no longer excuses an election.
        EfficiencyRun healed = exact(EXACT_TIMEOUT, strict);
        healed.runUntil(500_000);
        healed.fault(drift);
        healed.runUntil(600_000);
        FaultAction[] back = new FaultAction[5];
        for (int i = 0; i < 5; i++) {
            back[i] = new FaultAction.Drift(i, 1.0);
        }
        healed.fault(back);
        crashLeaderAt1s(healed);
        assertEquals(EfficiencyProperty.ELECTION_EFFICIENCY, healed.monitor.failedProperty(), "judged again once drift ended");
    }

    // ---- leader recovery in quiet windows -------------------------------------------------

    @Test
    void aQuietMajorityGetsANewLeaderWithinTheDerivedBoundAndEachChangeIsMeasured() {
        EfficiencyRun run = crashLeaderAt1s(EfficiencyRun.quietFive(1));
        run.monitor.finish();
        assertNull(run.monitor.failedProperty(), run.monitor.failure());
        EfficiencyStats stats = run.monitor.stats();
        // The first election (the window opened at time 0) and the one after the crash, one term each.
        assertEquals(List.of(210_342L, 161_769L), stats.leaderRecoveryMicros());
        assertEquals(List.of(1L, 1L), stats.electionsPerLeaderChange());
        assertEquals(2, stats.candidaciesJudged());
    }

    /** Bounds whose recovery bound after one round is {@code boundMicros}: settle 10.001 ms + H 1 µs + 2 x Emax. */
    private static EfficiencyBounds recoveryBoundAfterOneRound(long boundMicros) {
        long emax = (boundMicros - 10_001 - 1) / 2;
        return new EfficiencyBounds(150_000, emax, 1, 1_000, 0, 5, 1, true);
    }

    @Test
    void aRecoveryOverTheBoundIsFlaggedAndOneUnderItIsNot() {
        // The first leader of seed 1 is heard by all 210.342 ms after the window opened, after one round.
        EfficiencyRun under = run(RAFT, recoveryBoundAfterOneRound(212_003), 1);
        under.runUntil(1_000_000);
        assertNull(under.monitor.failedProperty(), under.monitor.failure());
        assertEquals(List.of(210_342L), under.monitor.stats().leaderRecoveryMicros());

        EfficiencyRun over = run(RAFT, recoveryBoundAfterOneRound(208_003), 1);
        over.runUntil(1_000_000);
        assertEquals(EfficiencyProperty.ELECTION_EFFICIENCY, over.monitor.failedProperty());
        assertTrue(over.monitor.failure().startsWith("a quiet majority {n1, n2, n3, n4, n5} had no leader it all follows for "), over.monitor.failure());
        assertTrue(over.monitor.failure().endsWith("after 1 election rounds; the bound is settle 10.001 ms + heartbeat 0.001 ms"
                + " + (rounds + 1) x (election timeout max 99 ms + 3 x latency max 0 ms) = 208.002 ms"), over.monitor.failure());
    }

    /** How many leader changes a run measured: only those in quiet windows are. */
    private static int measuredLeaderChanges(EfficiencyRun run) {
        return run.monitor.stats().leaderRecoveryMicros().size();
    }

    @Test
    void aWindowIsQuietWithAMajorityUpAndConnectedAndTheRestDownPausedOrCutOff() {
        assertEquals(2, measuredLeaderChanges(crashLeaderAt1s(EfficiencyRun.quietFive(1))), "crash: four up and connected");
        assertEquals(2, measuredLeaderChanges(crashLeaderAt1s(EfficiencyRun.quietFive(1), new FaultAction.Pause(minorityOf(1)))),
                "a paused server is silent");
        assertEquals(2, measuredLeaderChanges(crashLeaderAt1s(EfficiencyRun.quietFive(1), new FaultAction.Isolate(minorityOf(1)))),
                "an isolated server is silent");
        assertEquals(2, measuredLeaderChanges(crashLeaderAt1s(EfficiencyRun.quietFive(1), new FaultAction.SetLinks(LinkConfig.DEFAULT.withFifo(false)))),
                "links set to settings equal to the scenario's are clean");
    }

    @Test
    void aWindowIsNotQuietWithoutAConnectedMajorityOrWithADriftedOrHalfConnectedServer() {
        assertEquals(1, measuredLeaderChanges(crashLeaderAt1s(EfficiencyRun.quietFive(1),
                new FaultAction.Crash(minorityOf(1)), new FaultAction.Crash(minorityOf(2)))), "two of five up");
        assertEquals(1, measuredLeaderChanges(crashLeaderAt1s(EfficiencyRun.quietFive(1), new FaultAction.Drift(minorityOf(1), 1.01))),
                "a drifting server still talks to the majority");
        assertEquals(1, measuredLeaderChanges(crashLeaderAt1s(EfficiencyRun.quietFive(1), new FaultAction.SetLinks(LinkConfig.DEFAULT.withLatency(1_000, 20_000)))),
                "links slower than the scenario's");
        int a = minorityOf(1);
        LinkConfig slow = LinkConfig.DEFAULT.withLatency(1_000, 20_000);
        FaultAction[] halfConnected = new FaultAction[3];
        for (int k = 0; k < 3; k++) {
            halfConnected[k] = new FaultAction.SetLink(a, minorityOf(k + 2), slow);
        }
        assertEquals(1, measuredLeaderChanges(crashLeaderAt1s(EfficiencyRun.quietFive(1), halfConnected)),
                "a server outside the majority that still reaches it");
        assertEquals(0, measuredLeaderChanges(crashLeaderAt1s(new EfficiencyRun(RAFT, LinkConfig.DEFAULT,
                        EfficiencyBounds.of(RAFT, LinkConfig.DEFAULT.withDropRate(0.01)), Workload.none(), 1, Set.of()))),
                "settings that break the timing assumptions leave no window quiet");
    }

    /** Seed 1's first leader is n1 (id 0): the other servers, counted from 1. */
    private static int minorityOf(int k) {
        return k;
    }

    // ---- messages per entry ---------------------------------------------------------------

    private static EfficiencyRun underLoad(EfficiencyBounds bounds) {
        EfficiencyRun run = new EfficiencyRun(RAFT, LinkConfig.DEFAULT, bounds, Workload.of(2, 100, 4), 1, Set.of());
        run.runUntil(3_000_000);
        return run;
    }

    @Test
    void aStableLeaderUnderLoadStaysWithinTheMessageBoundAndItsCostPerEntryIsMeasured() {
        EfficiencyRun run = underLoad(DERIVED);
        assertTrue(run.monitor.stats().messagesPerEntryTenths().isEmpty(), "the last interval is judged at the end of the run");
        run.monitor.finish();
        assertNull(run.monitor.failedProperty(), run.monitor.failure());
        assertEquals(List.of(105L), run.monitor.stats().messagesPerEntryTenths());
    }

    @Test
    void moreMessagesThanTheBoundAreFlaggedWhenTheLeadersIntervalEnds() {
        // A bound for a cluster of one allows no message per entry or heartbeat, only the catch-up ones.
        EfficiencyBounds noPeers = new EfficiencyBounds(150_000, 300_000, 50_000, 1_000, 10_000, 1, 1, true);
        EfficiencyRun run = underLoad(noPeers);
        assertNull(run.monitor.failedProperty(), "not judged while the interval lasts");
        run.monitor.finish();
        assertEquals(EfficiencyProperty.MESSAGE_EFFICIENCY, run.monitor.failedProperty());
        assertTrue(run.monitor.failure().contains(" RPCs delivered from "), run.monitor.failure());
        assertTrue(run.monitor.failure().contains("; the bound is 2 x 0 peers x (entries"), run.monitor.failure());
        assertTrue(run.monitor.failure().endsWith(" in flight 1 + 3) + 4 x 12 indexes to catch up = 48"), run.monitor.failure());
    }

    @Test
    void onlyTheFirstMissedBoundIsReported() {
        EfficiencyBounds both = new EfficiencyBounds(150_000, 1, 50_000, 1_000, 0, 1, 1, true);
        EfficiencyRun run = underLoad(both);
        run.monitor.finish();
        assertEquals(EfficiencyProperty.ELECTION_EFFICIENCY, run.monitor.failedProperty());
        assertTrue(run.monitor.failure().startsWith("a quiet majority"), run.monitor.failure());
        assertEquals("Election Efficiency", EfficiencyProperty.ELECTION_EFFICIENCY.displayName());
        assertEquals("Message Efficiency", EfficiencyProperty.MESSAGE_EFFICIENCY.displayName());
    }
}

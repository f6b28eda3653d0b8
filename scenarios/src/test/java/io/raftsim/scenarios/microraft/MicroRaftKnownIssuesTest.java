package io.raftsim.scenarios.microraft;

import io.raftsim.harness.event.RaftEvent;
import io.raftsim.harness.spi.Role;
import io.raftsim.scenarios.Simulation;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import org.junit.jupiter.api.Test;

import io.raftsim.sim.trace.InMemoryTraceSink;
import io.raftsim.sim.trace.TraceKind;
import io.raftsim.sim.trace.TraceRecord;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected failures: known issues of MicroRaft 0.7, not of raftsim (docs/microraft.md). Each
 * scenario is the shrunk replay of a sweep failure. If one of these starts passing, MicroRaft
 * (or the adapter) changed: read the doc again before deleting the test.
 */
class MicroRaftKnownIssuesTest {
    private static ScenarioResult run(String file) {
        Simulation simulation = Simulation.of(Path.of("src/test/resources/microraft", file));
        assertEquals("microraft", simulation.scenario().implementation().name());
        return simulation.run();
    }

    /**
     * A known issue of MicroRaft 0.7, not of raftsim: a follower whose commit index is 2 takes a
     * late AppendEntries (prevLogIndex 1, no entries, leaderCommit 4) and sets its commit index to
     * min(4, 1) = 1, without keeping the larger one it had. MicroRaft's own assertion in
     * RaftState.commitIndex forbids this, but it ships with assertions off.
     */
    @Test
    void aLateAppendEntriesMovesAFollowersCommitIndexBack() {
        ScenarioResult result = run("commit-index-goes-back.json");
        assertEquals(Outcome.SAFETY_VIOLATION, result.outcome(), result.toString());
        assertEquals("Commit Monotonicity", result.property());
        assertTrue(result.message().startsWith("n2 commitIndex went from 2 back to 1"), result.message());
    }

    /**
     * A known issue of MicroRaft 0.7, not of raftsim: a deposed leader holding uncommitted
     * entries 10 and 11 of term 4 installs its new leader's snapshot through index 10 (term 3).
     * RaftLog.setSnapshot removes entries up to 10 only, so entry 11 of term 4 now follows a
     * prefix it never followed (§7: when the entry at the snapshot's index differs, the whole log
     * must go).
     */
    @Test
    void aSnapshotInstallKeepsAnEntryThatFollowedAReplacedOne() {
        ScenarioResult result = run("snapshot-keeps-conflicting-entry.json");
        assertEquals(Outcome.SAFETY_VIOLATION, result.outcome(), result.toString());
        assertEquals("Log Matching", result.property());
        assertTrue(result.message().startsWith("node n5 appended index 11 term 4 onto a prefix that differs"), result.message());
    }

    /**
     * A known issue of MicroRaft 0.7 (and of its master, fcd3b73), not of raftsim: the leader n5
     * removes itself (REMOVE_MEMBER), the change commits, n5 terminates, and the four voters left
     * never campaign again. Each of them had opened a pre-vote round while heavy-tailed delays held
     * the leader's AppendEntries back, and then heard the same term's leader again:
     * AppendEntriesRequestHandler sets the leader without clearing the round
     * (RaftState.preCandidateState is cleared only on a new term or role), and HeartbeatTask looks
     * for a silent or departed leader only when no round is open. Nothing ever opens a new term.
     */
    @Test
    void theVotersLeftByARemovedLeaderNeverElectAnother() {
        Simulation simulation = Simulation.of(Path.of("src/test/resources/microraft", "removed-leader-never-replaced.json"));
        InMemoryTraceSink trace = new InMemoryTraceSink(1_000_000);
        ScenarioResult result = simulation.trace(trace).run();
        assertEquals(Outcome.LIVENESS_FAILURE, result.outcome(), result.toString());
        assertEquals("no leader committed an entry of its term within 3000 ms of healing", result.message());
        List<TraceRecord> records = trace.records();
        TraceRecord removal = records.stream().filter(r -> r.kind() == TraceKind.CONTROL && r.detail() != null
                && r.detail().equals("removeServer n5 asked of leader n5: ACCEPTED")).findFirst().orElseThrow();
        // After the removal, the only role change is n5 stepping down: no voter ever opens a pre-vote
        // round or an election again, in the last 4 s of faults and the whole liveness phase.
        List<RaftEvent.RoleChanged> after = records.stream().filter(r -> r.step() > removal.step() && r.kind() == TraceKind.PROCESS)
                .map(TraceRecord::payload).filter(RaftEvent.RoleChanged.class::isInstance).map(RaftEvent.RoleChanged.class::cast).toList();
        assertEquals(List.of(new RaftEvent.RoleChanged(4, Role.LEADER, Role.FOLLOWER, 2)), after, after.toString());
    }

    /**
     * Finding 3 without a membership change: the leader n5 crashes instead of removing itself. The
     * four voters left, each with a stale pre-vote round, never look for a silent leader; no role
     * changes for 6.4 s (the heartbeat timeout is 150 ms) until the liveness phase restarts n5,
     * whose start-up pre-vote opens term 3, which it wins. The run passes: a crashed leader that
     * comes back hides the issue, which is why only a removed leader showed it as a failure.
     */
    @Test
    void aCrashedLeaderIsReplacedOnlyWhenItComesBack() {
        Simulation simulation = Simulation.of(Path.of("src/test/resources/microraft", "crashed-leader-replaced-only-on-return.json"));
        InMemoryTraceSink trace = new InMemoryTraceSink(1_000_000);
        ScenarioResult result = simulation.trace(trace).run();
        assertTrue(result.passed(), result.toString());
        List<TraceRecord> roleChanges = trace.records().stream().filter(r -> r.timeMicros() >= 8_642_000 && r.kind() == TraceKind.PROCESS
                && r.payload() instanceof RaftEvent.RoleChanged).toList();
        TraceRecord first = roleChanges.get(0);
        assertEquals(new RaftEvent.RoleChanged(4, Role.PRE_CANDIDATE, Role.CANDIDATE, 3), first.payload(), roleChanges.toString());
        assertTrue(first.timeMicros() >= 15_000_000, "the first role change after the crash is n5's, after its restart: " + first);
    }

    /**
     * A known issue of MicroRaft 0.7 (fixed in 0.8, PR #54), not of raftsim: after healing, leader
     * n3, whose snapshot ends at 111, sends n1 and n2 AppendEntries with prevLogIndex 111, the
     * index of their own snapshots, while both also hold uncommitted entries after it. 0.7's
     * AppendEntriesRequestHandler looks for entry 111 in the log, finds it compacted, and
     * answers failure with expectedNextIndex 112; the leader cannot go below its match index
     * (MicroRaft logs "Cannot decrement next index: 111 below match index: 111"), so nothing
     * commits again. The sweep's own seed, not shrunk (docs/microraft.md: 500 candidate runs
     * left 150 fault steps).
     */
    @Test
    void aFollowerWhoseSnapshotEndsAtPrevLogIndexRejectsEveryAppendEntries() {
        InMemoryTraceSink trace = new InMemoryTraceSink(1_000_000);
        ScenarioResult result = Simulation.of("random").implementation("microraft").seed(493).trace(trace).run();
        assertEquals(Outcome.LIVENESS_FAILURE, result.outcome(), result.toString());
        assertEquals("no leader committed an entry of its term within 3000 ms of healing", result.message());
        long healedMicros = 20_000_000; // random's faults end at 20 s; the liveness phase follows
        List<TraceRecord> appends = trace.records().stream().filter(r -> r.kind() == TraceKind.DELIVER && r.timeMicros() >= healedMicros
                && r.detail().startsWith("AppendEntries")).toList();
        List<TraceRecord> requests = appends.stream().filter(r -> r.detail().startsWith("AppendEntriesRequest ")).toList();
        List<TraceRecord> replies = appends.stream().filter(r -> !r.detail().startsWith("AppendEntriesRequest ")).toList();
        assertTrue(requests.size() >= 100 && replies.size() >= 100, "n3 keeps trying: " + requests.size() + " requests, " + replies.size() + " replies");
        for (TraceRecord request : requests) {
            assertTrue(request.peer() == 2 && (request.node() == 0 || request.node() == 1) && request.detail().contains(" prevLogIndex=111 "), request.toString());
        }
        for (TraceRecord reply : replies) {
            assertTrue(reply.node() == 2 && reply.detail().startsWith("AppendEntriesFailure ") && reply.detail().contains(" expectedNextIndex=112 "),
                    reply.toString());
        }
    }
}

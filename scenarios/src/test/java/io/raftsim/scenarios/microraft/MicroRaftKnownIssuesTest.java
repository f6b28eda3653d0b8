package io.raftsim.scenarios.microraft;

import io.raftsim.scenarios.Simulation;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

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
}

package io.raftsim.scenarios.bugs;

import io.raftsim.harness.event.RaftEvent;
import io.raftsim.scenarios.Simulation;
import io.raftsim.scenarios.format.Overrides;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.sim.trace.InMemoryTraceSink;
import io.raftsim.sim.trace.TraceKind;
import io.raftsim.sim.trace.TraceRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why the leader's no-op (§8) does not hide COMMIT_PREVIOUS_TERM_BY_COUNTING (Figure 8, §5.4.2):
 * the no-op commits the older entries only once a majority holds it, and a follower more than
 * {@code maxEntriesPerAppend} entries behind it is caught up first with batches of older entries
 * alone. The scenario is course-figure8-unreliable-loop's seed 19, shrunk (docs/bugs.md): n4
 * leads term 25 with entries 1..65 (the last of term 18) and appends its no-op at 66; n5 (log
 * 1..1) and n1 (log diverging from index 2) each get one AppendEntries with entries 2..65, the
 * 64 the cap allows, and acknowledge matchIndex 65 while no follower holds 66. Counting n4, n5,
 * n1, the buggy leader commits 2..65; the partition at 24707.54 ms isolates n4, and n2 (last
 * entry 52 of term 20, more up to date than 65 of term 18 by §5.4.1) is elected in term 27 by n1
 * and n5 without those entries.
 */
class NoOpBehindAFullBatchTest {
    private static final Path SCENARIO = Path.of("src/test/resources/bugs/no-op-behind-a-full-batch.json");
    private static final String BUG = "COMMIT_PREVIOUS_TERM_BY_COUNTING";
    /** Engine ids: n1 is 0. */
    private static final int N1 = 0;
    private static final int N4 = 3;
    private static final int N5 = 4;
    private static final long NO_OP_INDEX = 66;
    private static final long NO_OP_TERM = 25;
    /** The isolating partition after the commit (a fault step of the scenario). */
    private static final long PARTITION_MICROS = 24_707_540;

    private static List<RaftEvent> raftEvents(InMemoryTraceSink trace) {
        assertEquals(0, trace.overflowCount(), "the trace fits in memory");
        return trace.records().stream().filter(r -> r.kind() == TraceKind.PROCESS).map(TraceRecord::payload)
                .filter(RaftEvent.class::isInstance).map(RaftEvent.class::cast).toList();
    }

    @Test
    void theBuggyLeaderCommitsOlderEntriesAckedInAFullBatchBeforeItsNoOpAndAnotherLeaderLosesThem() {
        InMemoryTraceSink trace = new InMemoryTraceSink(1_000_000);
        ScenarioResult result = Simulation.of(SCENARIO).plant(BUG).trace(trace).run();
        assertEquals(Outcome.SAFETY_VIOLATION, result.outcome(), result.toString());
        assertEquals("Leader Completeness", result.property());
        assertTrue(result.message().startsWith("n2 became leader of term 27 without every entry committed in earlier terms (committed through 65 by term 25)"),
                result.message());

        List<RaftEvent> events = raftEvents(trace);
        int commit = events.indexOf(new RaftEvent.CommitAdvanced(N4, 1, 65));
        assertTrue(commit >= 0, "n4 commits 2..65 in one step");
        List<RaftEvent> before = events.subList(0, commit);
        assertTrue(before.contains(new RaftEvent.LogAppended(N4, NO_OP_INDEX, NO_OP_INDEX, List.of(NO_OP_TERM))), "n4's no-op is at 66");
        for (int follower : new int[] {N1, N5}) {
            RaftEvent.LogAppended batch = before.stream().filter(RaftEvent.LogAppended.class::isInstance).map(RaftEvent.LogAppended.class::cast)
                    .filter(a -> a.node() == follower && a.fromIndex() == 2 && a.toIndex() == 65).reduce((a, b) -> b).orElseThrow();
            assertEquals(64, batch.terms().size(), "one full batch (maxEntriesPerAppend 64)");
            assertTrue(batch.terms().stream().allMatch(term -> term < NO_OP_TERM), "only older terms: " + batch.terms());
        }
        // No follower holds the no-op when the leader commits: the commit counted older entries only.
        assertTrue(before.stream().filter(RaftEvent.LogAppended.class::isInstance).map(RaftEvent.LogAppended.class::cast)
                .noneMatch(a -> a.node() != N4 && a.terms().contains(NO_OP_TERM)), "no follower has an entry of term 25 yet");
    }

    /** The same schedule is fair: correct Raft commits nothing in term 25 and passes. */
    @Test
    void correctRaftWaitsForTheNoOpAndPasses() {
        InMemoryTraceSink trace = new InMemoryTraceSink(1_000_000);
        ScenarioResult result = Simulation.of(SCENARIO).trace(trace).run();
        assertTrue(result.passed(), result.toString());
        assertTrue(trace.records().stream().filter(r -> r.kind() == TraceKind.PROCESS && r.timeMicros() <= PARTITION_MICROS)
                .noneMatch(r -> r.payload() instanceof RaftEvent.CommitAdvanced c && c.node() == N4 && c.toIndex() > 1), "n4 commits nothing past 1");
    }

    /** The cap is what keeps the no-op out: one entry more per append carries it in the first batch, and the bug goes unseen. */
    @Test
    void withRoomForTheNoOpInTheFirstBatchTheBugIsNotCaught() {
        var tree = Overrides.apply(ScenarioReader.readTree(SCENARIO), List.of("raft.maxEntriesPerAppend=65"));
        ScenarioResult result = Simulation.of(ScenarioReader.fromTree(tree, SCENARIO.toString())).plant(BUG).run();
        assertTrue(result.passed(), result.toString());
    }
}

package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.AppendEntries;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node guards its own invariants with {@code assert}, the way etcd panics on them; the
 * guards only mean something where assertions are on, so this checks that they are, and that
 * one of them fires.
 */
class NodeGuardsTest {
    @Test
    void assertionsAreOnWhereTheTestsRun() {
        assertTrue(RaftNode.class.desiredAssertionStatus(), "surefire runs with -ea (its default); so does ./raftsim");
    }

    @Test
    void aFollowerNeverTruncatesAtOrBelowItsCommitIndex() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 2));
        h.node.receive(10_000, 1, new AppendEntries(2, 1, 3, 2, List.of(), 3));
        assertEquals(3, h.node.commitIndex());
        // A leader of term 3 that disagrees with committed entry 2: only a broken leader sends this.
        AppendEntries broken = new AppendEntries(3, 2, 1, 1, List.of(new LogEntry(3, 2, Command.Noop.INSTANCE)), 3);
        AssertionError guard = assertThrows(AssertionError.class, () -> h.node.receive(11_000, 2, broken));
        assertTrue(guard.getMessage().contains("at or below its commit index 3"), guard.getMessage());
    }
}

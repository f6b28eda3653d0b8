package io.raftsim.harness.check;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.RequestVoteReply;
import io.raftsim.raft.node.Effects;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.RaftNode;
import io.raftsim.raft.node.RaftTimers;
import io.raftsim.harness.spi.Role;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real {@link RaftNode}s of a three-server cluster reporting to one {@link SafetyMonitor},
 * driven by hand into the states a buggy implementation would reach: the fixture the
 * monitor's test classes extend.
 */
abstract class MonitoredNodes {
    static final int SERVERS = 3;
    final SafetyMonitor monitor = new SafetyMonitor(SERVERS);

    /** A started node with the given durable state and no-op entries of {@code logTerms}. */
    RaftNode node(int id, HardState hardState, long... logTerms) {
        List<LogEntry> log = new ArrayList<>();
        for (int i = 0; i < logTerms.length; i++) {
            log.add(new LogEntry(logTerms[i], i + 1, Command.Noop.INSTANCE));
        }
        RaftNode node = new RaftNode(id, RaftConfig.defaults(SERVERS), hardState, log, new RandomStream(id), monitor, new Effects(false));
        monitor.started(node);
        node.start(0);
        return node;
    }

    /** Makes {@code node} leader of its next term with one granted vote. */
    void elect(RaftNode node) {
        node.timerFired(1_000, RaftTimers.ELECTION);
        node.receive(2_000, (node.id() + 1) % SERVERS, new RequestVoteReply(node.currentTerm(), true, false));
        assertEquals(Role.LEADER, node.role());
        monitor.handled(node);
    }
}

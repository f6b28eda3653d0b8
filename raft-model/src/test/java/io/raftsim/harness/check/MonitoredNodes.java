package io.raftsim.harness.check;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.cluster.LogMirror;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.log.LogListener;
import io.raftsim.raft.message.MessageCodecs;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.message.RequestVoteReply;
import io.raftsim.raft.node.Effects;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.RaftNode;
import io.raftsim.raft.node.RaftTimers;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real {@link RaftNode}s of a three-server cluster watched by one {@link SafetyMonitor} the way
 * the harness watches servers: through a probe ({@link NodeProbe}) and the harness's copy of
 * each log ({@link LogMirror}), read after every step. Tests drive the nodes by hand into the
 * states a buggy implementation would reach and then end the step ({@link #endStep}), which
 * reports to the monitor in {@code ServerHost}'s order: log changes, the message received,
 * handled, then what was applied. The fixture the monitor's test classes extend.
 */
abstract class MonitoredNodes {
    static final int SERVERS = 3;
    final SafetyMonitor monitor = new SafetyMonitor(SERVERS);
    /** Kept across restarts of a server, as the cluster keeps them. */
    final LogMirror[] mirrors = new LogMirror[SERVERS];
    /** The probe of each server's current incarnation. */
    final NodeProbe[] probes = new NodeProbe[SERVERS];
    private final long[] reportedApplied = new long[SERVERS];

    MonitoredNodes() {
        for (int i = 0; i < SERVERS; i++) {
            mirrors[i] = new LogMirror();
        }
        monitor.attach(null, mirrors);
    }

    /** A started node with the given durable state and no-op entries of {@code logTerms}; announced and its first step ended. */
    RaftNode node(int id, HardState hardState, long... logTerms) {
        RaftNode node = new RaftNode(id, RaftConfig.defaults(SERVERS), hardState, entries(logTerms), new RandomStream(id),
                LogListener.NONE, new Effects(false));
        node.start(0);
        probes[id] = new NodeProbe(node);
        monitor.started(id, probes[id]);
        reportedApplied[id] = 0;
        endStep(id);
        return node;
    }

    static List<LogEntry> entries(long... logTerms) {
        List<LogEntry> log = new ArrayList<>();
        for (int i = 0; i < logTerms.length; i++) {
            log.add(new LogEntry(logTerms[i], i + 1, Command.Noop.INSTANCE));
        }
        return log;
    }

    /** Reports what server {@code id} did in a step that was not a message, as {@code ServerHost} does after a timer. */
    void endStep(int id) {
        mirrors[id].sync(id, probes[id], monitor);
        handledAndApplied(id);
    }

    void endStep(RaftNode node) {
        endStep(node.id());
    }

    /** Delivers {@code message} from {@code from} to {@code node} and ends the step, as {@code ServerHost} does after a message. */
    void deliver(long now, RaftNode node, int from, RaftMessage message) {
        node.receive(now, from, message);
        int id = node.id();
        mirrors[id].sync(id, probes[id], monitor);
        monitor.received(id, from, MessageCodecs.INSTANCE.kind(message), MessageCodecs.INSTANCE.term(message), probes[id]);
        handledAndApplied(id);
    }

    /** Fires {@code timerId} on {@code node} and ends the step. */
    void fire(long now, RaftNode node, int timerId) {
        node.timerFired(now, timerId);
        endStep(node);
    }

    private void handledAndApplied(int id) {
        NodeProbe probe = probes[id];
        monitor.handled(id, probe);
        long applied = probe.lastApplied();
        if (applied < reportedApplied[id]) {
            reportedApplied[id] = applied;
        }
        if (applied > reportedApplied[id]) {
            LogMirror mirror = mirrors[id];
            long from = Math.max(reportedApplied[id] + 1, mirror.firstIndex());
            for (long index = from; index <= applied && mirror.knows(index); index++) {
                monitor.applied(id, index, mirror.hash(index));
            }
            reportedApplied[id] = applied;
            monitor.stateApplied(id, applied, probe.stateFingerprint());
        }
    }

    /** Server {@code id} reports it applied its log through {@code index}, with state fingerprint {@code state}, and ends the step. */
    void apply(int id, long index, long state) {
        probes[id].lastApplied = index;
        probes[id].stateFingerprint = state;
        endStep(id);
    }

    /** Makes {@code node} leader of its next term with one granted vote. */
    void elect(RaftNode node) {
        fire(1_000, node, RaftTimers.ELECTION);
        deliver(2_000, node, (node.id() + 1) % SERVERS, new RequestVoteReply(node.currentTerm(), true, false));
        assertEquals(Role.LEADER, node.role());
    }
}

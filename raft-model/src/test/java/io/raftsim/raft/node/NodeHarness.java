package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.Configuration;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.Message;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.List;

/** Drives a single node with hand-built inputs and collects what it sends, as the paper's rules are stated. */
final class NodeHarness {
    final Effects effects = new Effects(true);
    final RaftNode node;
    long nowMicros = 1_000;

    NodeHarness(int id, RaftConfig config, HardState hardState, List<LogEntry> log) {
        node = new RaftNode(id, config, hardState, log, new RandomStream(42 + id), effects);
        node.start(nowMicros);
    }

    /** A node of {@code clusterSize} slots whose initial configuration is {@code initial}, following {@code rules}. */
    NodeHarness(int id, int clusterSize, Configuration initial, RaftRules rules) {
        node = new RaftNode(id, RaftConfig.defaults(clusterSize), initial, HardState.INITIAL, null, List.of(), new RandomStream(42 + id), effects, rules);
        node.start(nowMicros);
    }

    static NodeHarness follower(int id, int clusterSize) {
        return new NodeHarness(id, RaftConfig.defaults(clusterSize), HardState.INITIAL, List.of());
    }

    static List<LogEntry> logOfTerms(long... terms) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            entries.add(new LogEntry(terms[i], i + 1, Command.Noop.INSTANCE));
        }
        return entries;
    }

    /** Messages sent since the last call, as (target, message) pairs; clears the effects. */
    List<Sent> drain() {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < effects.messageCount(); i++) {
            sent.add(new Sent(effects.target(i), effects.message(i)));
        }
        effects.clear();
        return sent;
    }

    <T extends Message> List<T> sentOfType(List<Sent> sent, Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (Sent s : sent) {
            if (type.isInstance(s.message())) {
                matching.add(type.cast(s.message()));
            }
        }
        return matching;
    }

    record Sent(int to, Message message) {
    }
}

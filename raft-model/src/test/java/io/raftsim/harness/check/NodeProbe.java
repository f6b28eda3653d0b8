package io.raftsim.harness.check;

import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.raft.node.Progress;
import io.raftsim.raft.node.RaftNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ServerProbe} over a bare {@link RaftNode}, with no state machine: what the node does
 * not know (how far it applied, the state machine's fingerprint) are fields the test sets.
 * {@link #node} can be swapped to show the monitor another node under the same id without a restart.
 */
public final class NodeProbe implements ServerProbe {
    RaftNode node;
    long lastApplied;
    long stateFingerprint;

    public NodeProbe(RaftNode node) {
        this.node = node;
    }

    @Override
    public Role role() {
        return node.role();
    }

    @Override
    public long currentTerm() {
        return node.currentTerm();
    }

    @Override
    public int votedFor() {
        return node.votedFor();
    }

    @Override
    public int leaderId() {
        return node.leaderId();
    }

    @Override
    public long commitIndex() {
        return node.commitIndex();
    }

    @Override
    public long lastApplied() {
        return lastApplied;
    }

    @Override
    public long firstLogIndex() {
        return 1;
    }

    @Override
    public long lastLogIndex() {
        return node.log().lastIndex();
    }

    @Override
    public long termAt(long index) {
        return node.log().term(index);
    }

    @Override
    public long payloadFingerprintAt(long index) {
        return node.log().entry(index).command().fingerprint();
    }

    @Override
    public long stateFingerprint() {
        return stateFingerprint;
    }

    @Override
    public List<Integer> voters() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < node.config().clusterSize(); i++) {
            all.add(i);
        }
        return all;
    }

    @Override
    public long matchIndexOf(int peer) {
        Progress p = leaderProgress(peer);
        return p == null ? -1 : p.matchIndex();
    }

    @Override
    public long nextIndexOf(int peer) {
        Progress p = leaderProgress(peer);
        return p == null ? -1 : p.nextIndex();
    }

    private Progress leaderProgress(int peer) {
        if (node.role() != Role.LEADER || peer == node.id()) {
            return null;
        }
        return node.progress(peer);
    }
}

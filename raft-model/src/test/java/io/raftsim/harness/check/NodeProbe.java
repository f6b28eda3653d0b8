package io.raftsim.harness.check;

import io.raftsim.raft.node.RaftNode;
import io.raftsim.raft.server.RaftNodeProbe;

/**
 * A probe over a bare {@link RaftNode}, with no state machine: what the node does not know
 * (how far it applied, the state machine's fingerprint) are fields the test sets.
 * {@link #node} can be swapped to show the monitor another node under the same id without a restart.
 */
public final class NodeProbe extends RaftNodeProbe {
    RaftNode node;
    long lastApplied;
    long stateFingerprint;

    public NodeProbe(RaftNode node) {
        this.node = node;
    }

    @Override
    protected RaftNode node() {
        return node;
    }

    @Override
    public long lastApplied() {
        return lastApplied;
    }

    @Override
    public long stateFingerprint() {
        return stateFingerprint;
    }
}

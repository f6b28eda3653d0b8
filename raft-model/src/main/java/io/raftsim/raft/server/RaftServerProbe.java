package io.raftsim.raft.server;

import java.util.OptionalLong;

import io.raftsim.raft.node.RaftNode;

/** The model's server as the harness's checks read it: its node, and its state machine. */
final class RaftServerProbe extends RaftNodeProbe {
    private final RaftServer server;

    RaftServerProbe(RaftServer server) {
        this.server = server;
    }

    @Override
    protected RaftNode node() {
        return server.node();
    }

    @Override
    public long lastApplied() {
        return server.stateMachine().lastApplied();
    }

    @Override
    public long stateFingerprint() {
        return server.stateMachine().fingerprint();
    }

    @Override
    public OptionalLong snapshotLastPayloadFingerprint() {
        return server.ownSnapshotPayloadFingerprintAt(snapshotIndex());
    }
}

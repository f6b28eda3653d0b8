package io.raftsim.raft.server;

import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.raft.node.Progress;
import io.raftsim.raft.node.RaftNode;

import java.util.List;

/**
 * What the harness's checks read of a {@link RaftNode}, straight from the node, nothing copied.
 * The state machine is the host's: a subclass says how far it applied and what it holds.
 */
public abstract class RaftNodeProbe implements ServerProbe {
    /** The node of this incarnation, read at every call (a test may swap it). */
    protected abstract RaftNode node();

    @Override
    public Role role() {
        return node().role();
    }

    @Override
    public long currentTerm() {
        return node().currentTerm();
    }

    @Override
    public int votedFor() {
        return node().votedFor();
    }

    @Override
    public int leaderId() {
        return node().leaderId();
    }

    @Override
    public long commitIndex() {
        return node().commitIndex();
    }

    @Override
    public long firstLogIndex() {
        return node().log().firstIndex();
    }

    @Override
    public long snapshotIndex() {
        return node().log().snapshotIndex();
    }

    @Override
    public long lastLogIndex() {
        return node().log().lastIndex();
    }

    @Override
    public long termAt(long index) {
        return node().log().term(index);
    }

    @Override
    public long payloadFingerprintAt(long index) {
        return node().log().fingerprint(index);
    }

    @Override
    public boolean holdsClientCommand(long index, int clientId, long sequence) {
        return node().log().holdsClientCommand(index, clientId, sequence);
    }

    /** The voters of the latest configuration in the node's log (dissertation §4.1). */
    @Override
    public List<Integer> voters() {
        return node().configuration().voters();
    }

    @Override
    public List<Integer> learners() {
        return node().configuration().learners();
    }

    /** While the configuration is joint (§4.3), C_old's voters; else empty. */
    @Override
    public List<Integer> outgoingVoters() {
        return node().configuration().outgoingVoters();
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
        return node().role() != Role.LEADER || peer == node().id() ? null : node().progress(peer);
    }
}

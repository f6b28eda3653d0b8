package com.example.myraft;

import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;

import java.util.List;

/**
 * What raftsim's checks read from a my-raft server after every step (Figure 3's properties
 * are checked from these). Read-only, and straight from the server: nothing is copied.
 */
final class MyProbe implements ServerProbe {
    private final MyServer server;
    private final int id;
    private final List<Integer> voters;

    MyProbe(MyServer server, int id, List<Integer> voters) {
        this.server = server;
        this.id = id;
        this.voters = List.copyOf(voters);
    }

    @Override
    public Role role() {
        return server.role();
    }

    @Override
    public long currentTerm() {
        return server.persistent().currentTerm();
    }

    @Override
    public int votedFor() {
        return server.persistent().votedFor();
    }

    @Override
    public int leaderId() {
        return server.leaderId();
    }

    @Override
    public long commitIndex() {
        return server.commitIndex();
    }

    @Override
    public long lastApplied() {
        return server.machine().lastApplied();
    }

    /** No snapshots: the log always starts at index 1. */
    @Override
    public long firstLogIndex() {
        return 1;
    }

    @Override
    public long lastLogIndex() {
        return server.persistent().lastIndex();
    }

    @Override
    public long termAt(long index) {
        return server.persistent().termAt(index);
    }

    @Override
    public long payloadFingerprintAt(long index) {
        return server.persistent().entry(index).fingerprint();
    }

    @Override
    public long stateFingerprint() {
        return server.machine().fingerprint();
    }

    @Override
    public List<Integer> voters() {
        return voters;
    }

    /** One append at a time, as in the paper (the PROBE state of etcd's tracker). Exposed so the checks can hold the leader to 0 <= matchIndex < nextIndex <= last + 1. */
    @Override
    public long matchIndexOf(int peer) {
        return leads(peer) ? server.matchIndex(peer) : -1;
    }

    @Override
    public long nextIndexOf(int peer) {
        return leads(peer) ? server.nextIndex(peer) : -1;
    }

    private boolean leads(int peer) {
        return server.role() == Role.LEADER && voters.contains(peer) && peer != id;
    }
}

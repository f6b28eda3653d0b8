package io.raftsim.raft.linearizability;

import io.raftsim.raft.kv.KvCommand;
import io.raftsim.raft.kv.KvResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The record of every client operation of a run, appended to by the simulated clients. Bounded. */
public final class History {
    private final int maxOperations;
    private final List<Operation> operations = new ArrayList<>();

    public History(int maxOperations) {
        if (maxOperations <= 0) {
            throw new IllegalArgumentException("maxOperations must be positive: " + maxOperations);
        }
        this.maxOperations = maxOperations;
    }

    /** Records an invocation; returns the operation's id. */
    public int invoke(int client, KvCommand command, long nowMicros) {
        if (operations.size() >= maxOperations) {
            throw new IllegalStateException("history is full: more than " + maxOperations + " client operations in one run");
        }
        int id = operations.size();
        operations.add(new Operation(id, client, command, nowMicros, Operation.NEVER, null));
        return id;
    }

    /** Records the answer to operation {@code id}. */
    public void complete(int id, KvResult result, long nowMicros) {
        Operation invoked = operations.get(id);
        if (!invoked.outcomeUnknown()) {
            throw new IllegalStateException("operation " + id + " completed twice");
        }
        operations.set(id, new Operation(id, invoked.client(), invoked.command(), invoked.invokeMicros(), nowMicros, result));
    }

    public List<Operation> operations() {
        return Collections.unmodifiableList(operations);
    }

    public int size() {
        return operations.size();
    }
}

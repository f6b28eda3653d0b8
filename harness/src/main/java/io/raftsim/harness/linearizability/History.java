package io.raftsim.harness.linearizability;

import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The record of every client operation of a run, appended to by the simulated clients.
 * Bounded: once full, clients start no new operations (see {@link #isFull()}), so a long
 * run degrades to fewer operations rather than failing; a bound of 0 records nothing (for
 * benchmarks, which check no history).
 */
public final class History {
    private final int maxOperations;
    private final List<Operation> operations = new ArrayList<>();

    public History(int maxOperations) {
        if (maxOperations < 0) {
            throw new IllegalArgumentException("maxOperations must be >= 0: " + maxOperations);
        }
        this.maxOperations = maxOperations;
    }

    /** Records an invocation; returns the operation's id, or -1 when this history does not record. */
    public int invoke(int client, KvCommand command, long nowMicros) {
        if (!recording()) {
            return -1;
        }
        if (operations.size() >= maxOperations) {
            throw new IllegalStateException("history is full: more than " + maxOperations + " client operations in one run");
        }
        int id = operations.size();
        operations.add(new Operation(id, client, command, nowMicros, Operation.NEVER, null));
        return id;
    }

    /** True when no more operations can be recorded; clients then stop starting new ones. */
    public boolean isFull() {
        return operations.size() >= maxOperations;
    }

    /** True when this history records operations at all. */
    public boolean recording() {
        return maxOperations > 0;
    }

    /** Records the answer to operation {@code id}; ignored for the unrecorded id -1. */
    public void complete(int id, KvResult result, long nowMicros) {
        if (id < 0) {
            return;
        }
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

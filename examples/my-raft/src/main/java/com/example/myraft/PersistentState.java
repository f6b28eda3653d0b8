package com.example.myraft;

import io.raftsim.sim.storage.DurableLog;
import io.raftsim.sim.storage.DurableStorage;

/**
 * Figure 2's persistent state on all servers, kept in the simulated disk: currentTerm and
 * votedFor in one cell (so they change together), and the log. Writes reach the disk at
 * {@link #sync()}; the server syncs before it sends anything (Figure 2: "updated on stable
 * storage before responding to RPCs"). A crash keeps exactly what was synced.
 */
final class PersistentState {
    static final String HARD_STATE = "my-raft/hard-state";
    static final String LOG = "my-raft/log";

    /** The term and vote as one immutable value: the storage shares it, never copies it. */
    record HardState(long currentTerm, int votedFor) {
    }

    private final DurableStorage storage;
    private final DurableLog<Entry> log;
    private HardState hardState;
    private boolean dirty;

    PersistentState(DurableStorage storage) {
        this.storage = storage;
        this.log = storage.log(LOG);
        HardState stored = storage.get(HARD_STATE);
        this.hardState = stored != null ? stored : new HardState(0, -1);
    }

    long currentTerm() {
        return hardState.currentTerm();
    }

    int votedFor() {
        return hardState.votedFor();
    }

    void setTermAndVote(long term, int votedFor) {
        hardState = new HardState(term, votedFor);
        storage.put(HARD_STATE, hardState);
        dirty = true;
    }

    /** Index of the last entry; 0 when the log is empty (the paper's indexes start at 1). */
    long lastIndex() {
        return log.size();
    }

    /** The entry at {@code index}, 1..lastIndex(). */
    Entry entry(long index) {
        return log.get((int) (index - 1));
    }

    /** The term of the entry at {@code index}; 0 for index 0, before the first entry. */
    long termAt(long index) {
        return index == 0 ? 0 : entry(index).term();
    }

    void append(Entry entry) {
        log.append(entry);
        dirty = true;
    }

    /** Deletes the entry at {@code index} and all that follow it (§5.3). */
    void truncateFrom(long index) {
        log.truncateFrom((int) (index - 1));
        dirty = true;
    }

    /** Makes every write so far durable; a no-op when nothing changed. */
    void sync() {
        if (dirty) {
            storage.sync();
            dirty = false;
        }
    }
}

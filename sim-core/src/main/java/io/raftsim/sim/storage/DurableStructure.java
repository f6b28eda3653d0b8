package io.raftsim.sim.storage;

/**
 * A durable structure of a process's own design, kept by {@link DurableStorage} beside its cells
 * and logs and under the same crash semantics: a write is durable at the storage's next
 * {@link DurableStorage#sync()} (at once under {@link SyncMode#EVERY_WRITE_DURABLE}), reads see
 * every write, and a crash in {@link SyncMode#LOSE_UNSYNCED_ON_CRASH} returns the structure to
 * its content at the last sync. For what a {@link DurableLog} of objects would hold too many
 * objects for, such as a Raft log of millions of entries kept as columns of primitives.
 */
public interface DurableStructure {
    /** Makes every write so far durable. */
    void sync();

    /** Returns to the content of the last sync (called only in {@link SyncMode#LOSE_UNSYNCED_ON_CRASH}). */
    void loseUnsyncedWrites();

    /** True when a crash now would lose something. */
    boolean hasUnsyncedWrites();
}

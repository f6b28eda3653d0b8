package io.raftsim.sim.storage;

/** What a crash does to writes that were made but not yet synced. */
public enum SyncMode {
    /** Every write is durable the moment it is made (a disk with a battery-backed cache). */
    EVERY_WRITE_DURABLE,
    /** Writes since the last {@code sync()} are lost by a crash, as with an OS page cache. */
    LOSE_UNSYNCED_ON_CRASH
}

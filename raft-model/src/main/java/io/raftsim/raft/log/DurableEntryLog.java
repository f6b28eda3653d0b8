package io.raftsim.raft.log;

import io.raftsim.sim.storage.DurableLog;
import io.raftsim.sim.storage.DurableStorage;
import io.raftsim.sim.storage.DurableStructure;
import io.raftsim.sim.storage.SyncMode;

import java.util.List;

/**
 * A server's log entries in its durable storage, held as columns ({@link EntryColumns}) rather
 * than as the objects a {@link DurableLog} would hold: append-only, suffix-truncatable, positions
 * from 0, with a {@link DurableLog}'s crash semantics. In {@link SyncMode#LOSE_UNSYNCED_ON_CRASH}
 * it keeps just enough undo information to return to its last synced content, in O(entries
 * changed since the sync) and not O(log size). {@link #get} makes a new entry at every call,
 * equal to the one appended.
 *
 * <p>Entries are appended with consecutive indexes, as a Raft log holds them; emptied, the log
 * takes any index next (the entry after a new snapshot).
 */
public final class DurableEntryLog implements DurableStructure {
    private final boolean loseUnsynced;
    private final EntryColumns entries = new EntryColumns();

    // Only used when unsynced writes can be lost. Invariant: the synced content is positions
    // [0, stableLength) followed by removedSynced, and stableLength <= size().
    private int stableLength;
    private EntryColumns removedSynced = new EntryColumns();

    public DurableEntryLog(SyncMode mode) {
        this.loseUnsynced = mode == SyncMode.LOSE_UNSYNCED_ON_CRASH;
    }

    /** The entry log named {@code name} in {@code storage}, created empty on first use. */
    public static DurableEntryLog in(DurableStorage storage, String name) {
        return storage.structure(name, DurableEntryLog.class, DurableEntryLog::new);
    }

    public int size() {
        return entries.size();
    }

    public LogEntry get(int position) {
        checkPosition(position, size() - 1);
        return entries.entry(entries.firstIndex() + position);
    }

    /**
     * The entries, read-only, made as each is read and valid until the next write; a
     * {@link RaftLog} restored from it copies the columns without making entries.
     */
    public List<LogEntry> entries() {
        return entries.view();
    }

    /** Appends {@code entry}, whose index must follow the last entry's (any index when the log is empty). */
    public void append(LogEntry entry) {
        entries.append(entry);
    }

    /** Removes every entry at {@code position} and after. */
    public void truncateFrom(int position) {
        checkPosition(position, size());
        long firstIndex = entries.firstIndex();
        if (loseUnsynced && position < stableLength) {
            // Keep the synced entries being removed, in order, ahead of those removed earlier.
            EntryColumns nowRemoved = new EntryColumns();
            nowRemoved.appendAll(entries, firstIndex + position, firstIndex + stableLength - 1);
            if (!removedSynced.isEmpty()) {
                nowRemoved.appendAll(removedSynced, removedSynced.firstIndex(), removedSynced.lastIndex());
            }
            removedSynced = nowRemoved;
            stableLength = position;
        }
        entries.truncateFrom(firstIndex + position);
    }

    private void checkPosition(int position, int highest) {
        if (position < 0 || position > highest) {
            throw new IndexOutOfBoundsException("position " + position + " of durable log size " + size());
        }
    }

    @Override
    public boolean hasUnsyncedWrites() {
        return loseUnsynced && (stableLength != size() || !removedSynced.isEmpty());
    }

    @Override
    public void sync() {
        stableLength = size();
        if (!removedSynced.isEmpty()) {
            removedSynced = new EntryColumns();
        }
    }

    @Override
    public void loseUnsyncedWrites() {
        if (!loseUnsynced) {
            return;
        }
        entries.truncateFrom(entries.firstIndex() + stableLength);
        if (!removedSynced.isEmpty()) {
            entries.appendAll(removedSynced, removedSynced.firstIndex(), removedSynced.lastIndex());
        }
        sync();
    }
}

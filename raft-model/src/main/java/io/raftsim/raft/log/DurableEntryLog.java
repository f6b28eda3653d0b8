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

    /**
     * Appends entries {@code fromIndex..toIndex} of {@code log}, which follow this log's last entry
     * and are what this log would hold after appending them one by one: by holding the log's
     * chunks themselves where they line up ({@link EntryColumns#shareFrom}), so a server's durable
     * log and its log in memory cost one copy of the entries, not two. Entries the log no longer
     * holds (compacted in the same step) are taken from {@code appended} instead, one by one.
     *
     * @param appended the same entries as objects (the node's output), the fallback
     */
    public void appendFrom(RaftLog log, List<LogEntry> appended) {
        if (appended.isEmpty()) {
            return;
        }
        long fromIndex = appended.get(0).index();
        long toIndex = appended.get(appended.size() - 1).index();
        if (fromIndex <= log.snapshotIndex() || toIndex > log.lastIndex()) {
            for (LogEntry entry : appended) {
                append(entry);
            }
            return;
        }
        LogEntry last = appended.get(appended.size() - 1);
        assert log.term(toIndex) == last.term() && log.fingerprint(toIndex) == last.command().fingerprint()
                : "the log holds another entry at " + toIndex + " than the one appended: " + last;
        entries.shareFrom(log.columns(), fromIndex, toIndex);
    }

    /**
     * Appends every entry of {@code other}, this log being empty: by holding its chunks
     * ({@link EntryColumns#shareFrom}), each copied only by whichever log writes into it first.
     * For servers that start from the same durable log (a preloaded one).
     */
    public void appendAllOf(DurableEntryLog other) {
        if (size() != 0) {
            throw new IllegalStateException("appendAllOf into a log of " + size() + " entries");
        }
        if (other.size() > 0) {
            entries.shareFrom(other.entries, other.entries.firstIndex(), other.entries.lastIndex());
        }
    }

    /** Whether this log holds the entry at {@code index} in the same chunk as {@code other} (shared, not copied). */
    boolean sharesChunkWith(DurableEntryLog other, long index) {
        return entries.sharesChunkWith(other.entries, index);
    }

    /** Whether this log holds the entry at {@code index} in the same chunk as {@code log} (shared, not copied). */
    boolean sharesChunkWith(RaftLog log, long index) {
        return entries.sharesChunkWith(log.columns(), index);
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

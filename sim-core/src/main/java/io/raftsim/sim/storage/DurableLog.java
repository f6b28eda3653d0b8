package io.raftsim.sim.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only, suffix-truncatable list of immutable entries that survives a crash.
 * Positions start at 0. In {@link SyncMode#LOSE_UNSYNCED_ON_CRASH} it keeps just enough
 * undo information to return to its last synced content, in O(entries changed since the
 * sync) and not O(log size), so a million-entry log costs nothing extra per write.
 *
 * @param <T> entry type; entries must be immutable because they are shared, not copied
 */
public final class DurableLog<T> {
    private final boolean loseUnsynced;
    private final ArrayList<T> entries = new ArrayList<>();

    // Only used when unsynced writes can be lost. Invariant: the synced content is
    // entries[0, stableLength) followed by removedSynced, and stableLength <= entries.size().
    private int stableLength;
    private final ArrayList<T> removedSynced = new ArrayList<>();

    DurableLog(SyncMode mode) {
        this.loseUnsynced = mode == SyncMode.LOSE_UNSYNCED_ON_CRASH;
    }

    public int size() {
        return entries.size();
    }

    public T get(int position) {
        return entries.get(position);
    }

    public void append(T entry) {
        entries.add(entry);
    }

    /** Removes every entry at {@code position} and after. */
    public void truncateFrom(int position) {
        if (position < 0 || position > entries.size()) {
            throw new IndexOutOfBoundsException("truncate position " + position + " of log size " + entries.size());
        }
        if (loseUnsynced && position < stableLength) {
            // Keep the synced entries being removed, in order, ahead of those removed earlier.
            List<T> nowRemoved = new ArrayList<>(entries.subList(position, stableLength));
            nowRemoved.addAll(removedSynced);
            removedSynced.clear();
            removedSynced.addAll(nowRemoved);
            stableLength = position;
        }
        entries.subList(position, entries.size()).clear();
    }

    boolean hasUnsyncedWrites() {
        return loseUnsynced && (stableLength != entries.size() || !removedSynced.isEmpty());
    }

    void sync() {
        stableLength = entries.size();
        removedSynced.clear();
    }

    void loseUnsyncedWrites() {
        if (!loseUnsynced) {
            return;
        }
        entries.subList(stableLength, entries.size()).clear();
        entries.addAll(removedSynced);
        sync();
    }
}

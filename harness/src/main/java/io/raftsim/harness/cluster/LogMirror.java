package io.raftsim.harness.cluster;

import io.raftsim.harness.spi.Fingerprints;
import io.raftsim.harness.spi.ServerProbe;

/**
 * The harness's own copy of one server's log, as cumulative hashes: position i holds the
 * hash of entries 1..i, each folding in the entry's term and payload fingerprint. After
 * every step {@link #sync} compares it with the server's probe from the end backwards until
 * they agree, so a step costs O(1) plus the entries it changed, never a scan of the log.
 * It outlives incarnations: after a restart it is compared with what the server reloaded.
 *
 * <p>Walking back from the end finds every change a log can make (truncate a suffix, then
 * append); an implementation that rewrote an entry in the middle and kept every later one
 * unchanged would go unseen here, and is left to Log Matching on the entries it sends and
 * to State Machine Safety on what it applies.
 *
 * <p>A snapshot (§7) holds only committed entries, so the prefix through a server's snapshot
 * index is the committed prefix: when the snapshot covers entries the mirror never saw (a
 * follower that installed its leader's snapshot) or saw differently (uncommitted entries the
 * install replaced), the mirror takes the committed prefix's hashes from {@link CommittedPrefix}.
 * Whether the snapshot's contents are that prefix is State Machine Safety's to check, on the
 * state fingerprint after the install.
 */
public final class LogMirror {
    /** The cumulative hash of the committed prefix through an index, from the checks. */
    @FunctionalInterface
    public interface CommittedPrefix {
        /** The hash through {@code index}, or {@link #UNKNOWN} when {@code index} is not committed (yet). */
        long hashThrough(long index);

        long UNKNOWN = 0x5AFE_C0DE_DEAD_BEEFL;

        CommittedPrefix NONE = index -> UNKNOWN;
    }

    private CommittedPrefix committedPrefix = CommittedPrefix.NONE;

    private final ChunkedLongArray hashes = new ChunkedLongArray(0);
    private long lastIndex;
    /** Entries below this index were compacted into a snapshot the last time we looked; their hashes are kept as they were. */
    private long firstIndex = 1;

    public long lastIndex() {
        return lastIndex;
    }

    /** Where the hashes of a snapshot's entries come from (the checks' committed prefix); none by default. */
    public void committedPrefix(CommittedPrefix prefix) {
        this.committedPrefix = prefix;
    }

    /** The cumulative hash through {@code index} (0 for index 0). */
    public long hash(long index) {
        return index == 0 ? 0 : hashes.get(index);
    }

    public boolean knows(long index) {
        return index <= lastIndex;
    }

    /** Brings the mirror up to the probe's log, telling {@code listener} what was removed and then what was appended. */
    public void sync(int server, ServerProbe probe, ServerListener listener) {
        long first = Math.max(1, probe.firstLogIndex());
        long last = probe.lastLogIndex();
        adoptSnapshotPrefix(first - 1);
        // The longest prefix both agree on: walk back from the shorter end until the entry matches.
        long agree = Math.min(last, lastIndex);
        while (agree >= first && entryHash(probe, agree) != hashes.get(agree)) {
            agree--;
        }
        if (agree < first - 1) {
            agree = first - 1; // compacted entries are the snapshot's: trusted to be what the mirror saw
        }
        if (agree < lastIndex) {
            listener.truncated(server, agree + 1, lastIndex);
        }
        ensureCapacity(last);
        for (long index = agree + 1; index <= last; index++) {
            hashes.set(index, entryHash(probe, index));
            listener.appended(server, index, probe.termAt(index), hashes.get(index));
        }
        lastIndex = last;
        firstIndex = first;
    }

    /**
     * Makes the mirror's prefix through {@code snapshotIndex} the committed prefix, when it is
     * known and the mirror holds something else there (or nothing). O(1) when it already agrees.
     */
    private void adoptSnapshotPrefix(long snapshotIndex) {
        if (snapshotIndex < 1) {
            return;
        }
        long committed = committedPrefix.hashThrough(snapshotIndex);
        if (committed == CommittedPrefix.UNKNOWN || (snapshotIndex <= lastIndex && hashes.get(snapshotIndex) == committed)) {
            return;
        }
        ensureCapacity(snapshotIndex);
        // Walk back to where the mirror already agrees with the committed prefix, then take the rest.
        long from = Math.min(snapshotIndex, lastIndex);
        while (from >= 1 && hashes.get(from) != committedPrefix.hashThrough(from)) {
            from--;
        }
        for (long index = from + 1; index <= snapshotIndex; index++) {
            hashes.set(index, committedPrefix.hashThrough(index));
        }
        lastIndex = Math.max(lastIndex, snapshotIndex);
    }

    /** The cumulative hash through {@code index} if its entry is the probe's and the prefix before it is the mirror's. */
    private long entryHash(ServerProbe probe, long index) {
        return Fingerprints.fold(Fingerprints.fold(hash(index - 1), probe.termAt(index)), probe.payloadFingerprintAt(index));
    }

    private void ensureCapacity(long index) {
        hashes.ensureCapacity(index + 1);
    }

    public long firstIndex() {
        return firstIndex;
    }
}

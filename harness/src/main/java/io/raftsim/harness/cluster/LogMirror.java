package io.raftsim.harness.cluster;

import io.raftsim.harness.spi.Fingerprints;
import io.raftsim.harness.spi.ServerProbe;

import java.util.OptionalLong;

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
 *
 * <p>A snapshot can also cover entries nobody's mirror saw: a leader that is the only voter
 * appends, commits and compacts an entry in one step, so the checks learn of the entry only as
 * compacted, and no server has committed it before. When it is the one entry since the mirror
 * last looked and the probe still knows its payload fingerprint
 * ({@link ServerProbe#snapshotLastPayloadFingerprint}), the mirror hashes it as if it had seen
 * it. Otherwise its hash, and every cumulative hash after
 * it, is unknown here ({@link #hashKnown}, {@link CommittedPrefix#UNKNOWN}): the mirror
 * reports no appends while it cannot hash them, rather than hashes that would differ from the
 * real ones another server's mirror computes (false Log Matching and State Machine Safety
 * reports). It learns the prefix once the checks know the committed prefix through its
 * snapshot (another server showed and committed those entries), then hashes and reports what
 * its log holds past the snapshot.
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
    /**
     * The lowest index whose cumulative hash this mirror cannot vouch for: an entry compacted
     * before the mirror saw it, whose hash the committed prefix did not know either. Every
     * hash from there on folds it in, so is unknown too. {@code Long.MAX_VALUE}: none.
     */
    private long unknownFrom = Long.MAX_VALUE;
    /**
     * The term and payload fingerprint the mirror folded into its hash at {@link #lastIndex},
     * when the sync that last moved it hashed that entry from the probe ({@link #lastEntrySeen});
     * a sync that finds the probe's log ending in the same entry, with nothing else to learn,
     * returns at once: most steps change no log, and the server that handled the step is synced
     * after each one.
     */
    private long lastEntryTerm;
    private long lastEntryPayload;
    private boolean lastEntrySeen;
    /** The snapshot index through which the mirror already agrees with the committed prefix (0: none looked at). */
    private long adoptedThrough;

    public long lastIndex() {
        return lastIndex;
    }

    /** Where the hashes of a snapshot's entries come from (the checks' committed prefix); none by default. */
    public void committedPrefix(CommittedPrefix prefix) {
        this.committedPrefix = prefix;
    }

    /** The cumulative hash through {@code index} (0 for index 0), or {@link CommittedPrefix#UNKNOWN} when {@link #hashKnown} is false. */
    public long hash(long index) {
        return index == 0 ? 0 : index >= unknownFrom ? CommittedPrefix.UNKNOWN : hashes.get(index);
    }

    /** Whether the mirror can vouch for the cumulative hash through {@code index}: it saw, or learned, every entry up to it. */
    public boolean hashKnown(long index) {
        return index < unknownFrom;
    }

    /** The highest index up to {@code index} whose cumulative hash the mirror knows. */
    public long knownThrough(long index) {
        return Math.min(index, unknownFrom - 1);
    }

    public boolean knows(long index) {
        return index <= lastIndex;
    }

    /** Brings the mirror up to the probe's log, telling {@code listener} what was removed and then what was appended. */
    public void sync(int server, ServerProbe probe, ServerListener listener) {
        long first = Math.max(1, probe.firstLogIndex());
        long last = probe.lastLogIndex();
        if (last == lastIndex && first == firstIndex && unknownFrom == Long.MAX_VALUE && (first == 1 || adoptedThrough == first - 1)
                && endsWithLastSeen(probe, last, first)) {
            return; // the same log, ending in the same entry: what the walk below would find, without hashing
        }
        if (unknownFrom != Long.MAX_VALUE && !learnUnknownPrefix(server, first - 1, last, listener)) {
            stayUnknown(server, first, last, listener);
            return;
        }
        adoptSnapshotPrefix(first - 1);
        if (first - 1 > lastIndex && committedPrefix.hashThrough(first - 1) == CommittedPrefix.UNKNOWN
                && !hashCompactedEntry(server, probe, first - 1, listener)) {
            // Compacted before the mirror saw them, and nobody has committed them yet: unknown
            // from the first entry never seen, until the committed prefix learns them.
            unknownFrom = lastIndex + 1;
            stayUnknown(server, first, last, listener);
            return;
        }
        // The longest prefix both agree on: the mirror's whole log when the probe still holds its
        // last entry (a step that appended), else walk back from the shorter end until the entry matches.
        long agree = Math.min(last, lastIndex);
        boolean stillLast = agree == lastIndex && endsWithLastSeen(probe, agree, first);
        if (!stillLast) {
            while (agree >= first && entryHash(probe, agree) != hashes.get(agree)) {
                agree--;
            }
        }
        if (agree < first - 1) {
            agree = first - 1; // compacted entries are the snapshot's: trusted to be what the mirror saw
        }
        if (agree < lastIndex) {
            listener.truncated(server, agree + 1, lastIndex);
        }
        ensureCapacity(last);
        for (long index = agree + 1; index <= last; index++) {
            long term = probe.termAt(index);
            long payload = probe.payloadFingerprintAt(index);
            hashes.set(index, hashAfter(index - 1, term, payload));
            listener.appended(server, index, term, hashes.get(index));
            lastEntryTerm = term;
            lastEntryPayload = payload;
        }
        // The entry whose hash is now at the end, for the next sync to compare first: just
        // appended, the one compared above (still the last), or, after a truncation, read here.
        if (agree == last && !stillLast && last >= first) {
            lastEntryTerm = probe.termAt(last);
            lastEntryPayload = probe.payloadFingerprintAt(last);
        }
        lastEntrySeen = last >= first; // with nothing past the snapshot, no entry of its own to compare
        lastIndex = last;
        firstIndex = first;
    }

    /**
     * The one entry the server appended and compacted since the mirror last looked, hashed from
     * the snapshot's last term and the payload fingerprint the probe still knows, and reported as
     * appended; false, changing nothing, when there were more or the probe cannot tell.
     */
    private boolean hashCompactedEntry(int server, ServerProbe probe, long snapshotIndex, ServerListener listener) {
        if (snapshotIndex != lastIndex + 1) {
            return false;
        }
        OptionalLong payload = probe.snapshotLastPayloadFingerprint();
        if (payload.isEmpty()) {
            return false;
        }
        long term = probe.termAt(snapshotIndex);
        ensureCapacity(snapshotIndex);
        hashes.set(snapshotIndex, hashAfter(lastIndex, term, payload.getAsLong()));
        lastIndex = snapshotIndex;
        lastEntrySeen = false;
        listener.appended(server, snapshotIndex, term, hashes.get(snapshotIndex));
        return true;
    }

    /**
     * While hashes from {@link #unknownFrom} are unknown: no appends can be reported (their
     * hashes would be wrong), only that the log got shorter, which needs no hash.
     */
    private void stayUnknown(int server, long first, long last, ServerListener listener) {
        lastEntrySeen = false;
        if (last < lastIndex) {
            listener.truncated(server, last + 1, lastIndex);
        }
        lastIndex = last;
        firstIndex = first;
    }

    /**
     * Ends the unknown stretch once the committed prefix is known through the snapshot index:
     * the snapshot's entries are committed ones (§7), so the mirror takes their hashes from it,
     * and the entries past the snapshot are hashed and reported as if new (none was reported
     * while unknown). Returns false, changing nothing, while the committed prefix does not know.
     */
    private boolean learnUnknownPrefix(int server, long snapshotIndex, long last, ServerListener listener) {
        if (snapshotIndex < unknownFrom - 1 || snapshotIndex < 1 || committedPrefix.hashThrough(snapshotIndex) == CommittedPrefix.UNKNOWN) {
            return false;
        }
        ensureCapacity(snapshotIndex);
        for (long index = unknownFrom; index <= snapshotIndex; index++) {
            long committed = committedPrefix.hashThrough(index);
            if (committed == CommittedPrefix.UNKNOWN) {
                return false; // a gap the committed prefix has not learned yet: wait for it
            }
            hashes.set(index, committed);
        }
        if (last < lastIndex) {
            listener.truncated(server, last + 1, lastIndex);
        }
        unknownFrom = Long.MAX_VALUE;
        lastIndex = snapshotIndex;
        lastEntrySeen = false;
        return true;
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
        if (committed == CommittedPrefix.UNKNOWN) {
            return;
        }
        if (snapshotIndex <= lastIndex && hashes.get(snapshotIndex) == committed) {
            adoptedThrough = snapshotIndex;
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
        adoptedThrough = snapshotIndex;
        lastEntrySeen = false;
    }

    /** The cumulative hash through {@code index} if its entry is the probe's and the prefix before it is the mirror's. */
    private long entryHash(ServerProbe probe, long index) {
        return hashAfter(index - 1, probe.termAt(index), probe.payloadFingerprintAt(index));
    }

    /** The cumulative hash of the mirror's prefix through {@code previousIndex} followed by an entry of {@code term} and {@code payload}. */
    private long hashAfter(long previousIndex, long term, long payload) {
        return Fingerprints.fold(Fingerprints.fold(hash(previousIndex), term), payload);
    }

    /** Whether the probe's entry at {@code index} (past the snapshot) is the one the mirror's hashes end with. */
    private boolean endsWithLastSeen(ServerProbe probe, long index, long first) {
        return lastEntrySeen && index >= first && probe.termAt(index) == lastEntryTerm && probe.payloadFingerprintAt(index) == lastEntryPayload;
    }

    private void ensureCapacity(long index) {
        hashes.ensureCapacity(index + 1);
    }

    public long firstIndex() {
        return firstIndex;
    }
}

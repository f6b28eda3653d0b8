package io.raftsim.harness.cluster;

import io.raftsim.harness.spi.Fingerprints;
import io.raftsim.harness.spi.ServerProbe;

import java.util.Arrays;

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
 */
public final class LogMirror {
    private long[] hashes = new long[64];
    private long lastIndex;
    /** Entries below this index were compacted into a snapshot the last time we looked; their hashes are kept as they were. */
    private long firstIndex = 1;

    public long lastIndex() {
        return lastIndex;
    }

    /** The cumulative hash through {@code index} (0 for index 0). */
    public long hash(long index) {
        return index == 0 ? 0 : hashes[(int) index];
    }

    public boolean knows(long index) {
        return index <= lastIndex;
    }

    /** Brings the mirror up to the probe's log, telling {@code listener} what was removed and then what was appended. */
    public void sync(int server, ServerProbe probe, ServerListener listener) {
        long first = Math.max(1, probe.firstLogIndex());
        long last = probe.lastLogIndex();
        // The longest prefix both agree on: walk back from the shorter end until the entry matches.
        long agree = Math.min(last, lastIndex);
        while (agree >= first && entryHash(probe, agree) != hashes[(int) agree]) {
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
            hashes[(int) index] = entryHash(probe, index);
            listener.appended(server, index, probe.termAt(index), hashes[(int) index]);
        }
        lastIndex = last;
        firstIndex = first;
    }

    /** The cumulative hash through {@code index} if its entry is the probe's and the prefix before it is the mirror's. */
    private long entryHash(ServerProbe probe, long index) {
        return Fingerprints.fold(Fingerprints.fold(hash(index - 1), probe.termAt(index)), probe.payloadFingerprintAt(index));
    }

    private void ensureCapacity(long index) {
        if (index >= hashes.length) {
            hashes = Arrays.copyOf(hashes, (int) Math.max(index + 1, hashes.length * 2L));
        }
    }

    public long firstIndex() {
        return firstIndex;
    }
}

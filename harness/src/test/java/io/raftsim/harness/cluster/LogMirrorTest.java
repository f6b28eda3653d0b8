package io.raftsim.harness.cluster;

import io.raftsim.harness.spi.Fingerprints;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness's copy of a server's log: after each step it reports what the server's log lost
 * and then what it gained, reads only the entries that changed (plus the one that agrees), and
 * its cumulative hashes make equal prefixes equal.
 */
class LogMirrorTest {
    /** A log of (term, payload fingerprint) pairs that counts how many entries the mirror read. */
    private static final class LogProbe implements ServerProbe {
        final List<long[]> entries = new ArrayList<>();
        long firstIndex = 1;
        int reads;

        LogProbe append(long term, long payload) {
            entries.add(new long[] {term, payload});
            return this;
        }

        LogProbe truncateFrom(long index) {
            entries.subList((int) (index - 1), entries.size()).clear();
            return this;
        }

        @Override
        public long termAt(long index) {
            reads++;
            return index == 0 ? 0 : entries.get((int) (index - 1))[0];
        }

        @Override
        public long payloadFingerprintAt(long index) {
            return entries.get((int) (index - 1))[1];
        }

        @Override
        public long firstLogIndex() {
            return firstIndex;
        }

        @Override
        public long lastLogIndex() {
            return entries.size();
        }

        @Override
        public Role role() {
            return Role.FOLLOWER;
        }

        @Override
        public long currentTerm() {
            return 0;
        }

        @Override
        public int votedFor() {
            return -1;
        }

        @Override
        public int leaderId() {
            return -1;
        }

        @Override
        public long commitIndex() {
            return 0;
        }

        @Override
        public long lastApplied() {
            return 0;
        }

        @Override
        public long stateFingerprint() {
            return 0;
        }

        @Override
        public List<Integer> voters() {
            return List.of(0);
        }
    }

    /** Every report, as text, in order. */
    private static final class Reports implements ServerListener {
        final List<String> seen = new ArrayList<>();
        final List<Long> hashes = new ArrayList<>();

        @Override
        public void appended(int server, long index, long term, long cumulativeHash) {
            seen.add("n" + server + " append " + index + "@" + term);
            hashes.add(cumulativeHash);
        }

        @Override
        public void truncated(int server, long fromIndex, long previousLastIndex) {
            seen.add("n" + server + " truncate " + fromIndex + ".." + previousLastIndex);
        }

        List<String> take() {
            List<String> taken = List.copyOf(seen);
            seen.clear();
            hashes.clear();
            return taken;
        }
    }

    private final LogMirror mirror = new LogMirror();
    private final LogProbe log = new LogProbe();
    private final Reports reports = new Reports();

    /** A leader's mirror of entries 1..5 of term 1: the committed prefix a snapshot at 5 stands for. */
    private LogMirror committedThroughFive() {
        LogMirror leader = new LogMirror();
        LogProbe leaderLog = new LogProbe();
        for (int i = 1; i <= 5; i++) {
            leaderLog.append(1, 100 + i);
        }
        leader.sync(0, leaderLog, new Reports());
        return leader;
    }

    @Test
    void aSnapshotOverEntriesNeverSeenTakesTheCommittedPrefix() {
        LogMirror leader = committedThroughFive();
        mirror.committedPrefix(index -> index <= 5 ? leader.hash(index) : LogMirror.CommittedPrefix.UNKNOWN);
        // The follower installed a snapshot through 5, then appended entry 6; entries 1..5 are compacted.
        for (int i = 1; i <= 5; i++) {
            log.append(0, 0);
        }
        log.append(2, 61);
        log.firstIndex = 6;
        mirror.sync(1, log, reports);
        assertEquals(List.of("n1 append 6@2"), reports.take());
        assertEquals(leader.hash(5), mirror.hash(5));
        assertEquals(Fingerprints.fold(Fingerprints.fold(leader.hash(5), 2), 61), mirror.hash(6));
    }

    @Test
    void aSnapshotReplacingUncommittedEntriesTakesTheCommittedPrefix() {
        LogMirror leader = committedThroughFive();
        mirror.committedPrefix(index -> index <= 5 ? leader.hash(index) : LogMirror.CommittedPrefix.UNKNOWN);
        log.append(1, 101).append(1, 102).append(3, 7).append(3, 8).append(3, 9).append(3, 10);
        mirror.sync(1, log, reports);
        reports.take();
        // The install replaces entries 3..6 (term 3, never committed) with a snapshot through 5.
        log.truncateFrom(1);
        for (int i = 1; i <= 5; i++) {
            log.append(0, 0);
        }
        log.firstIndex = 6;
        mirror.sync(1, log, reports);
        assertEquals(List.of("n1 truncate 6..6"), reports.take());
        assertEquals(leader.hash(5), mirror.hash(5));
        assertEquals(leader.hash(2), mirror.hash(2));
        assertEquals(5, mirror.lastIndex());
    }

    @Test
    void withoutACommittedPrefixCompactedEntriesKeepTheirHashes() {
        log.append(1, 1).append(1, 2).append(1, 3);
        mirror.sync(0, log, reports);
        long before = mirror.hash(2);
        log.firstIndex = 3;
        mirror.sync(0, log, reports);
        assertEquals(before, mirror.hash(2));
    }

    @Test
    void aNewLogIsReportedEntryByEntryWithCumulativeHashes() {
        log.append(1, 11).append(1, 12).append(2, 21);
        mirror.sync(4, log, reports);
        long h1 = Fingerprints.fold(Fingerprints.fold(0, 1), 11);
        long h2 = Fingerprints.fold(Fingerprints.fold(h1, 1), 12);
        long h3 = Fingerprints.fold(Fingerprints.fold(h2, 2), 21);
        assertEquals(List.of(h1, h2, h3), reports.hashes);
        assertEquals(List.of("n4 append 1@1", "n4 append 2@1", "n4 append 3@2"), reports.take());
        assertEquals(3, mirror.lastIndex());
        assertEquals(h3, mirror.hash(3));
        assertEquals(0, mirror.hash(0));
        assertTrue(mirror.knows(3));
        assertTrue(!mirror.knows(4));
    }

    /** Entries 1..{@code count} of term 1, payload = index, synced once and their reports taken. */
    private void syncedEntries(int count) {
        for (int i = 1; i <= count; i++) {
            log.append(1, i);
        }
        mirror.sync(0, log, reports);
        reports.take();
    }

    @Test
    void anUnchangedLogCostsNoReportsAndOneRead() {
        syncedEntries(50);
        log.reads = 0;
        mirror.sync(0, log, reports);
        assertEquals(List.of(), reports.take());
        assertEquals(1, log.reads, "only the last entry is compared");
    }

    @Test
    void anAppendReadsTheOldLastEntryOnceAndEachNewEntryOnce() {
        syncedEntries(50);
        long before = mirror.hash(50);
        log.append(1, 51).append(1, 52);
        log.reads = 0;
        mirror.sync(0, log, reports);
        assertEquals(List.of("n0 append 51@1", "n0 append 52@1"), reports.take());
        assertEquals(3, log.reads, "entry 50 compared, 51 and 52 hashed and reported from one read each");
        assertEquals(before, mirror.hash(50));
        assertEquals(Fingerprints.fold(Fingerprints.fold(mirror.hash(51), 1), 52), mirror.hash(52));
    }

    @Test
    void growthReportsOnlyTheNewEntries() {
        log.append(1, 1).append(1, 2);
        mirror.sync(0, log, reports);
        reports.take();
        log.append(1, 3);
        mirror.sync(0, log, reports);
        assertEquals(List.of("n0 append 3@1"), reports.take());
    }

    @Test
    void aReplacedSuffixIsReportedAsTruncationThenAppends() {
        log.append(1, 1).append(1, 2).append(1, 3);
        mirror.sync(2, log, reports);
        reports.take();
        log.truncateFrom(2).append(2, 5);
        mirror.sync(2, log, reports);
        assertEquals(List.of("n2 truncate 2..3", "n2 append 2@2"), reports.take());
        assertEquals(2, mirror.lastIndex());
    }

    @Test
    void aShorterLogIsReportedAsTruncationOnly() {
        log.append(1, 1).append(1, 2).append(1, 3);
        mirror.sync(0, log, reports);
        reports.take();
        log.truncateFrom(2);
        mirror.sync(0, log, reports);
        assertEquals(List.of("n0 truncate 2..3"), reports.take());
        assertEquals(1, mirror.lastIndex());
    }

    @Test
    void aLastEntryReplacedAtTheSameLengthIsSeen() {
        log.append(1, 1).append(1, 2);
        mirror.sync(0, log, reports);
        reports.take();
        log.truncateFrom(2).append(1, 99); // same term, another payload
        mirror.sync(0, log, reports);
        assertEquals(List.of("n0 truncate 2..2", "n0 append 2@1"), reports.take());
        log.truncateFrom(2).append(2, 99); // same payload, another term
        mirror.sync(0, log, reports);
        assertEquals(List.of("n0 truncate 2..2", "n0 append 2@2"), reports.take());
    }

    @Test
    void theWalkBackStopsAtTheAgreeingPrefix() {
        for (int i = 1; i <= 100; i++) {
            log.append(1, i);
        }
        mirror.sync(0, log, reports);
        long agreed = mirror.hash(97);
        reports.take();
        log.truncateFrom(98).append(3, 1).append(3, 2).append(3, 3).append(3, 4);
        log.reads = 0;
        mirror.sync(0, log, reports);
        assertEquals(List.of("n0 truncate 98..100", "n0 append 98@3", "n0 append 99@3", "n0 append 100@3", "n0 append 101@3"),
                reports.take());
        assertEquals(agreed, mirror.hash(97), "the agreeing prefix is kept");
        assertTrue(log.reads <= 4 + 2 * 4, "compares 100..97, then reads each of the 4 new entries (hash, report), never the whole log: " + log.reads);
    }

    @Test
    void aRestartedServerWithAnotherLogIsComparedWithWhatTheMirrorSaw() {
        log.append(1, 1).append(1, 2);
        mirror.sync(0, log, reports);
        reports.take();
        LogProbe reloaded = new LogProbe().append(1, 1); // the second entry was never persisted
        mirror.sync(0, reloaded, reports);
        assertEquals(List.of("n0 truncate 2..2"), reports.take());
    }

    @Test
    void equalPrefixesHaveEqualHashesAndADifferenceCarriesForward() {
        LogMirror other = new LogMirror();
        LogProbe same = new LogProbe().append(1, 1).append(1, 2).append(2, 3);
        LogProbe differentFirst = new LogProbe().append(1, 7).append(1, 2).append(2, 3);
        log.append(1, 1).append(1, 2).append(2, 3);
        mirror.sync(0, log, reports);
        other.sync(1, same, reports);
        assertEquals(mirror.hash(3), other.hash(3));
        LogMirror third = new LogMirror();
        third.sync(2, differentFirst, reports);
        for (long index = 1; index <= 3; index++) {
            assertNotEquals(mirror.hash(index), third.hash(index), "index " + index);
        }
    }

    @Test
    void compactedEntriesAreTrustedAsTheMirrorSawThem() {
        log.append(1, 1).append(1, 2).append(1, 3);
        mirror.sync(0, log, reports);
        reports.take();
        log.firstIndex = 3; // 1..2 went into a snapshot
        mirror.sync(0, log, reports);
        assertEquals(List.of(), reports.take());
        assertEquals(3, mirror.firstIndex());
    }

    @Test
    void theMirrorGrowsPastItsFirstTable() {
        for (int i = 1; i <= 1_000; i++) {
            log.append(1, i);
        }
        mirror.sync(0, log, reports);
        assertEquals(1_000, reports.take().size());
        assertEquals(1_000, mirror.lastIndex());
    }
}

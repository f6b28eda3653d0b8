package io.raftsim.raft.log;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log as Figure 2 and §5.3 describe it: indexed from 1, index 0 the empty prefix of term
 * 0. (The cumulative hashes that turn the Log Matching check into one comparison are the
 * harness's now, read through the probe: LogMirrorTest.)
 */
@DisplayName("§5.3 the log")
class RaftLogTest {
    private static LogEntry entry(long term, long index) {
        return new LogEntry(term, index, Command.Noop.INSTANCE);
    }

    private static RaftLog logOfTerms(long... terms) {
        RaftLog log = new RaftLog(7);
        for (int i = 0; i < terms.length; i++) {
            log.append(entry(terms[i], i + 1));
        }
        return log;
    }

    @Test
    @DisplayName("Index 0 is the empty prefix: term 0, and an empty log ends there")
    void emptyLogEndsAtIndexZero() {
        RaftLog log = logOfTerms();
        assertEquals(0, log.lastIndex());
        assertEquals(0, log.lastTerm());
        assertEquals(0, log.term(0));
        assertTrue(log.contains(0, 0));
        assertFalse(log.contains(1, 1));
    }

    @Test
    @DisplayName("Entries are read at the index they were appended at, and nowhere else")
    void entriesAreIndexedFromOne() {
        RaftLog log = logOfTerms(1, 2, 2);
        assertEquals(3, log.lastIndex());
        assertEquals(2, log.lastTerm());
        assertEquals(1, log.term(1));
        assertEquals(entry(2, 3), log.entry(3));
        assertThrows(IndexOutOfBoundsException.class, () -> log.entry(0));
        assertThrows(IndexOutOfBoundsException.class, () -> log.entry(4));
        assertTrue(log.contains(2, 2));
        assertFalse(log.contains(2, 1));
        assertFalse(log.contains(4, 2), "beyond the last index");
    }

    @Test
    @DisplayName("An append must be the next index: a gap or an overwrite is a programming error")
    void appendMustBeTheNextIndex() {
        RaftLog log = logOfTerms(1);
        assertThrows(IllegalStateException.class, () -> log.append(entry(1, 3)));
        assertThrows(IllegalStateException.class, () -> log.append(entry(1, 1)));
        assertEquals(1, log.lastIndex());
    }

    @Test
    @DisplayName("A truncation then an append replaces the suffix")
    void truncateThenAppendReplacesTheSuffix() {
        RaftLog log = new RaftLog(3);
        log.append(entry(1, 1));
        log.append(entry(1, 2));
        log.append(entry(2, 3));
        log.truncateFrom(2);
        log.append(entry(3, 2));
        assertEquals(List.of(entry(1, 1), entry(3, 2)), log.slice(1, 2));
        assertEquals(2, log.lastIndex());
        assertEquals(3, log.lastTerm());
    }

    @Test
    @DisplayName("A restart restores the persisted log, only into an empty log")
    void restoreOnlyOnce() {
        RaftLog log = new RaftLog(3);
        log.restore(List.of(entry(1, 1), entry(2, 2)));
        assertEquals(2, log.lastIndex());
        assertEquals(List.of(entry(1, 1), entry(2, 2)), log.slice(1, 2));
        assertThrows(IllegalStateException.class, () -> log.restore(List.of(entry(3, 3))));
        assertEquals(2, log.lastIndex());
    }

    @Test
    @DisplayName("Truncation removes an existing suffix; from 0 or past the end is a programming error")
    void truncationBounds() {
        RaftLog log = logOfTerms(1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> log.truncateFrom(0));
        assertThrows(IllegalArgumentException.class, () -> log.truncateFrom(4));
        log.truncateFrom(3);
        assertEquals(2, log.lastIndex());
        log.truncateFrom(1);
        assertEquals(0, log.lastIndex());
    }

    @Test
    @DisplayName("A slice is the inclusive range, and empty when it ends before it starts")
    void slices() {
        RaftLog log = logOfTerms(1, 2, 3, 4);
        assertEquals(List.of(entry(2, 2), entry(3, 3)), log.slice(2, 3));
        assertEquals(List.of(entry(4, 4)), log.slice(4, 4));
        assertEquals(List.of(), log.slice(5, 4), "an empty heartbeat's slice");
        assertThrows(UnsupportedOperationException.class, () -> log.slice(1, 2).add(entry(9, 9)));
    }

    @Test
    @DisplayName("§5.3 fast backtracking: the first index of the conflicting term, searching back")
    void firstIndexOfTerm() {
        RaftLog log = logOfTerms(1, 1, 2, 2, 2, 3);
        assertEquals(3, log.firstIndexOfTerm(2, 5));
        assertEquals(3, log.firstIndexOfTerm(2, 3));
        assertEquals(1, log.firstIndexOfTerm(1, 2));
        assertEquals(6, log.firstIndexOfTerm(3, 10), "a start past the end is clamped to the last index");
    }

    @Test
    @DisplayName("§5.3 fast backtracking: the last index whose term is at most the follower's conflicting term")
    void lastIndexAtOrBelowTerm() {
        RaftLog log = logOfTerms(1, 1, 2, 2, 2, 4);
        assertEquals(5, log.lastIndexAtOrBelowTerm(2, 6));
        assertEquals(5, log.lastIndexAtOrBelowTerm(3, 6), "no entry of term 3: the last of term 2");
        assertEquals(2, log.lastIndexAtOrBelowTerm(1, 6));
        assertEquals(0, log.lastIndexAtOrBelowTerm(0, 6));
        assertEquals(6, log.lastIndexAtOrBelowTerm(9, 100), "a start past the end is clamped to the last index");
        assertEquals(3, log.lastIndexAtOrBelowTerm(2, 3));
    }

    @Test
    @DisplayName("Entries have positive term and index")
    void entriesHavePositiveTermAndIndex() {
        assertThrows(IllegalArgumentException.class, () -> entry(0, 1));
        assertThrows(IllegalArgumentException.class, () -> entry(1, 0));
        assertEquals("2:1 noop", entry(1, 2).toString());
    }
}

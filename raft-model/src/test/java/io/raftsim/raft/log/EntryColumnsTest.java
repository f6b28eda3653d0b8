package io.raftsim.raft.log;

import io.raftsim.harness.kv.Append;
import io.raftsim.harness.kv.Cas;
import io.raftsim.harness.kv.Put;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entries held as columns read back equal to the entries appended, whatever chunks they fall in. */
@DisplayName("Log entries as columns")
class EntryColumnsTest {
    private static final int CHUNK = EntryColumns.CHUNK_ENTRIES;
    private static final Configuration THREE = Configuration.allOf(3);
    private static final Configuration FOUR = Configuration.allOf(4);

    /** Entry {@code index}: mostly client commands of varying lengths (empty values too), a no-op and a configuration now and then. */
    static LogEntry entry(long index) {
        long term = 1 + index / 1000;
        if (index % 97 == 0) {
            return new LogEntry(term, index, new Command.ConfigChange(index % 2 == 0 ? THREE : FOUR));
        }
        if (index % 31 == 0) {
            return new LogEntry(term, index, Command.Noop.INSTANCE);
        }
        String value = "v".repeat((int) (index % 13));
        var command = index % 3 == 0 ? new Put("k" + index, value) : index % 3 == 1 ? new Append("key", value) : new Cas("c", value, "u" + index);
        return new LogEntry(term, index, new Command.ClientCommand((int) (index % 7), index * 3, command));
    }

    private static EntryColumns columnsOf(long firstIndex, long lastIndex) {
        EntryColumns columns = new EntryColumns();
        for (long index = firstIndex; index <= lastIndex; index++) {
            columns.append(entry(index));
        }
        return columns;
    }

    private static void assertHolds(EntryColumns columns, long firstIndex, long lastIndex) {
        assertEquals(firstIndex, columns.firstIndex());
        assertEquals(lastIndex, columns.lastIndex());
        assertEquals(lastIndex - firstIndex + 1, columns.size());
        for (long index = firstIndex; index <= lastIndex; index++) {
            LogEntry expected = entry(index);
            assertEquals(expected, columns.entry(index), "entry " + index);
            assertEquals(expected.term(), columns.term(index));
            assertEquals(expected.command().fingerprint(), columns.fingerprint(index));
            if (expected.command() instanceof Command.ClientCommand client) {
                assertTrue(columns.holdsClientCommand(index, client.clientId(), client.sequence()));
                assertFalse(columns.holdsClientCommand(index, client.clientId(), client.sequence() + 1));
            } else {
                assertFalse(columns.holdsClientCommand(index, 0, 0));
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> columns.entry(firstIndex - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> columns.term(lastIndex + 1));
    }

    @Test
    @DisplayName("Entries of every kind read back equal, across several chunks")
    void entriesReadBackAcrossChunks() {
        EntryColumns columns = columnsOf(1, 3L * CHUNK + 5);
        assertHolds(columns, 1, 3L * CHUNK + 5);
    }

    @Test
    @DisplayName("A read makes a new entry with its own bytes: the column is never handed out")
    void readsMakeNewEntries() {
        EntryColumns columns = columnsOf(1, 3);
        assertNotSame(columns.entry(2), columns.entry(2));
        assertNotSame(columns.entry(2).command(), columns.entry(2).command());
        assertEquals(entry(2).command().describe(), columns.entry(2).command().describe());
    }

    @Test
    @DisplayName("An append must be the next index, except into an empty run, which it starts")
    void appendsAreConsecutive() {
        EntryColumns columns = columnsOf(5, 7);
        assertThrows(IllegalStateException.class, () -> columns.append(entry(9)));
        assertThrows(IllegalStateException.class, () -> columns.append(entry(7)));
        assertHolds(columns, 5, 7);
        EntryColumns empty = new EntryColumns();
        empty.append(entry(40));
        assertHolds(empty, 40, 40);
    }

    @Test
    @DisplayName("A truncation at, just before and just after a chunk boundary, then appends, replace the suffix")
    void truncationsAroundChunkBoundaries() {
        for (long from : new long[] {CHUNK, CHUNK + 1, CHUNK + 2, 2L * CHUNK + 1, 2, 1}) {
            EntryColumns columns = columnsOf(1, 2L * CHUNK + 10);
            columns.truncateFrom(from);
            assertHolds(columns, 1, from - 1);
            for (long index = from; index <= 2L * CHUNK + 20; index++) {
                columns.append(entry(index));
            }
            assertHolds(columns, 1, 2L * CHUNK + 20);
        }
    }

    @Test
    @DisplayName("A truncation removes the configurations it removes, and only those")
    void truncationRemovesConfigurations() {
        EntryColumns columns = columnsOf(1, 300);
        assertEquals(FOUR, columns.configurationAtOrBefore(300), "entry 291");
        columns.truncateFrom(291);
        assertEquals(THREE, columns.configurationAtOrBefore(300), "entry 194");
        columns.truncateFrom(194);
        assertEquals(FOUR, columns.configurationAtOrBefore(300), "entry 97");
        columns.truncateFrom(97);
        assertNull(columns.configurationAtOrBefore(300));
        assertThrows(IndexOutOfBoundsException.class, () -> columns.truncateFrom(0));
        assertThrows(IndexOutOfBoundsException.class, () -> columns.truncateFrom(98));
    }

    @Test
    @DisplayName("Dropping a prefix (a snapshot's entries) across chunk boundaries keeps the rest readable, and appends go on")
    void dropThroughAcrossChunks() {
        for (long through : new long[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2L * CHUNK + 3}) {
            EntryColumns columns = columnsOf(1, 3L * CHUNK);
            columns.dropThrough(through);
            assertHolds(columns, through + 1, 3L * CHUNK);
            for (long index = 3L * CHUNK + 1; index <= 4L * CHUNK + 2; index++) {
                columns.append(entry(index));
            }
            assertHolds(columns, through + 1, 4L * CHUNK + 2);
            assertNull(columns.configurationAtOrBefore(through), "configurations dropped with their entries");
        }
    }

    @Test
    @DisplayName("Dropping every entry leaves an empty run whose next index follows the dropped ones")
    void dropEverything() {
        EntryColumns columns = columnsOf(1, CHUNK + 3);
        columns.dropThrough(CHUNK + 3);
        assertTrue(columns.isEmpty());
        assertEquals(CHUNK + 4, columns.firstIndex());
        columns.append(entry(CHUNK + 4));
        assertHolds(columns, CHUNK + 4, CHUNK + 4);
    }

    @Test
    @DisplayName("Copying a range column by column gives the same entries")
    void appendAllCopiesColumns() {
        EntryColumns source = columnsOf(1, 2L * CHUNK + 7);
        EntryColumns copy = new EntryColumns();
        copy.appendAll(source, 100, 2L * CHUNK + 7);
        assertHolds(copy, 100, 2L * CHUNK + 7);
        List<LogEntry> viewed = new ArrayList<>(source.view());
        assertEquals(2 * CHUNK + 7, viewed.size());
        assertEquals(entry(CHUNK + 1), viewed.get(CHUNK));
    }

    /** Another entry at {@code index} than {@link #entry}'s: what a new leader's log holds there after a conflict. */
    private static LogEntry other(long index) {
        return new LogEntry(500 + index, index, new Command.ClientCommand(9, index, new Put("other", "x" + index)));
    }

    @Test
    @DisplayName("Sharing a range holds the source's chunks themselves, and reads back the same entries")
    void shareFromHoldsTheSameChunks() {
        EntryColumns source = columnsOf(1, 2L * CHUNK + 7);
        EntryColumns sharer = new EntryColumns();
        sharer.shareFrom(source, 1, CHUNK + 3);
        sharer.shareFrom(source, CHUNK + 4, 2L * CHUNK + 7); // the next step's entries, in part in the same chunk
        assertHolds(sharer, 1, 2L * CHUNK + 7);
        for (long index : new long[] {1, CHUNK, CHUNK + 4, 2L * CHUNK + 7}) {
            assertTrue(sharer.sharesChunkWith(source, index), "chunk of " + index + " shared");
        }
        assertEquals(THREE, sharer.configurationAtOrBefore(2L * 97));
    }

    @Test
    @DisplayName("A source that truncates and rewrites a shared chunk writes a copy: the sharer still reads what it shared")
    void truncatedSourceCopiesSharedChunk() {
        EntryColumns source = columnsOf(1, CHUNK + 50);
        EntryColumns sharer = new EntryColumns();
        sharer.shareFrom(source, 1, CHUNK + 50);
        source.truncateFrom(CHUNK + 10);
        for (long index = CHUNK + 10; index <= CHUNK + 60; index++) {
            source.append(other(index));
        }
        assertHolds(sharer, 1, CHUNK + 50);
        assertEquals(other(CHUNK + 10), source.entry(CHUNK + 10));
        assertEquals(entry(CHUNK + 9), source.entry(CHUNK + 9));
        assertFalse(sharer.sharesChunkWith(source, CHUNK + 10), "the source wrote into a copy of its own");
        assertTrue(sharer.sharesChunkWith(source, 1), "chunks it did not write stay shared");

        // The sharer follows the source's truncation, as a durable log does, and shares the rewritten chunk.
        sharer.truncateFrom(CHUNK + 10);
        sharer.shareFrom(source, CHUNK + 10, CHUNK + 60);
        assertEquals(entry(CHUNK + 9), sharer.entry(CHUNK + 9));
        assertEquals(other(CHUNK + 60), sharer.entry(CHUNK + 60));
        assertTrue(sharer.sharesChunkWith(source, CHUNK + 60));
    }

    @Test
    @DisplayName("A sharer that appends writes into a copy of its own: the source is unchanged, and may append past it")
    void appendingSharerCopiesSharedChunk() {
        EntryColumns source = columnsOf(1, 40);
        EntryColumns sharer = new EntryColumns();
        sharer.shareFrom(source, 1, 40);
        sharer.truncateFrom(31);
        for (long index = 31; index <= 45; index++) {
            sharer.append(other(index));
        }
        for (long index = 41; index <= 45; index++) {
            source.append(entry(index));
        }
        assertHolds(source, 1, 45);
        assertEquals(entry(30), sharer.entry(30));
        assertEquals(other(31), sharer.entry(31));
        assertEquals(other(45), sharer.entry(45));
    }

    @Test
    @DisplayName("A source whose chunks do not line up with the sharer's is copied, entry by entry")
    void misalignedShareCopies() {
        EntryColumns source = columnsOf(1, CHUNK + 20);
        EntryColumns sharer = columnsOf(5, 9); // its chunks start at index 5
        sharer.shareFrom(source, 10, CHUNK + 20);
        assertHolds(sharer, 5, CHUNK + 20);
        assertFalse(sharer.sharesChunkWith(source, 10));
    }
}

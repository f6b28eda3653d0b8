package io.raftsim.raft.log;

import io.raftsim.sim.storage.DurableStorage;
import io.raftsim.sim.storage.SyncMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.raftsim.raft.log.EntryColumnsTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The durable log of entries keeps a {@code DurableLog}'s crash semantics: synced writes survive a crash, unsynced ones may not. */
@DisplayName("The durable log of entries")
class DurableEntryLogTest {
    private static final int CHUNK = EntryColumns.CHUNK_ENTRIES;

    private static List<LogEntry> contents(DurableEntryLog log) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            entries.add(log.get(i));
        }
        assertEquals(entries, new ArrayList<>(log.entries()));
        return entries;
    }

    private static List<LogEntry> entries(long firstIndex, long lastIndex) {
        List<LogEntry> entries = new ArrayList<>();
        for (long index = firstIndex; index <= lastIndex; index++) {
            entries.add(entry(index));
        }
        return entries;
    }

    private static void appendAll(DurableEntryLog log, long firstIndex, long lastIndex) {
        for (LogEntry entry : entries(firstIndex, lastIndex)) {
            log.append(entry);
        }
    }

    @Test
    @DisplayName("One log per name in a storage, apart from the storage's generic logs")
    void oneLogPerName() {
        DurableStorage storage = new DurableStorage(SyncMode.LOSE_UNSYNCED_ON_CRASH);
        assertSame(DurableEntryLog.in(storage, "log"), DurableEntryLog.in(storage, "log"));
        DurableEntryLog.in(storage, "log").append(entry(1));
        assertEquals(0, storage.log("log").size());
    }

    @Test
    @DisplayName("Truncations and appends since the last sync are undone by a crash (the DurableLog test, ported)")
    void unsyncedTruncationsAndAppendsAreUndone() {
        DurableStorage storage = new DurableStorage(SyncMode.LOSE_UNSYNCED_ON_CRASH);
        DurableEntryLog log = DurableEntryLog.in(storage, "log");
        appendAll(log, 1, 4);
        storage.sync();
        assertFalse(storage.hasUnsyncedWrites());
        log.truncateFrom(2);
        log.append(new LogEntry(9, 3, Command.Noop.INSTANCE));
        log.truncateFrom(1);
        log.append(new LogEntry(9, 2, Command.Noop.INSTANCE));
        log.append(new LogEntry(9, 3, Command.Noop.INSTANCE));
        assertEquals(3, log.size());
        assertTrue(storage.hasUnsyncedWrites());
        storage.loseUnsyncedWrites();
        assertEquals(entries(1, 4), contents(log));
        assertFalse(storage.hasUnsyncedWrites());
    }

    @Test
    @DisplayName("Synced appends survive a crash; unsynced ones are lost, across chunk boundaries")
    void unsyncedAppendsAreLost() {
        DurableStorage storage = new DurableStorage(SyncMode.LOSE_UNSYNCED_ON_CRASH);
        DurableEntryLog log = DurableEntryLog.in(storage, "log");
        appendAll(log, 1, CHUNK - 2);
        storage.sync();
        appendAll(log, CHUNK - 1, 2L * CHUNK + 5);
        storage.loseUnsyncedWrites();
        assertEquals(entries(1, CHUNK - 2), contents(log));
        appendAll(log, CHUNK - 1, CHUNK + 3);
        storage.sync();
        storage.loseUnsyncedWrites();
        assertEquals(entries(1, CHUNK + 3), contents(log));
    }

    @Test
    @DisplayName("A truncation of synced entries over several chunks, then other entries, is undone by a crash")
    void truncationOfSyncedEntriesAcrossChunksIsUndone() {
        DurableStorage storage = new DurableStorage(SyncMode.LOSE_UNSYNCED_ON_CRASH);
        DurableEntryLog log = DurableEntryLog.in(storage, "log");
        appendAll(log, 1, 3L * CHUNK);
        storage.sync();
        log.truncateFrom(2 * CHUNK + 1);
        log.truncateFrom(CHUNK - 1);
        for (long index = CHUNK; index <= 2L * CHUNK; index++) {
            log.append(new LogEntry(100, index, Command.Noop.INSTANCE));
        }
        storage.loseUnsyncedWrites();
        assertEquals(entries(1, 3L * CHUNK), contents(log));
    }

    @Test
    @DisplayName("A snapshot's rewrite (all entries out, the tail after the snapshot in) is undone by a crash before the sync")
    void rewriteAfterASnapshotIsUndone() {
        DurableStorage storage = new DurableStorage(SyncMode.LOSE_UNSYNCED_ON_CRASH);
        DurableEntryLog log = DurableEntryLog.in(storage, "log");
        appendAll(log, 1, 40);
        storage.sync();
        log.truncateFrom(0);
        appendAll(log, 31, 40);
        assertEquals(entries(31, 40), contents(log));
        storage.loseUnsyncedWrites();
        assertEquals(entries(1, 40), contents(log));
        log.truncateFrom(0);
        appendAll(log, 31, 42);
        storage.sync();
        storage.loseUnsyncedWrites();
        assertEquals(entries(31, 42), contents(log));
    }

    @Test
    @DisplayName("Every write is durable in the default mode")
    void everyWriteIsDurableInTheDefaultMode() {
        DurableStorage storage = new DurableStorage(SyncMode.EVERY_WRITE_DURABLE);
        DurableEntryLog log = DurableEntryLog.in(storage, "log");
        appendAll(log, 1, 5);
        log.truncateFrom(3);
        assertFalse(storage.hasUnsyncedWrites());
        storage.loseUnsyncedWrites();
        assertEquals(entries(1, 3), contents(log));
    }

    @Test
    @DisplayName("Positions outside the log are programming errors")
    void positionsAreChecked() {
        DurableEntryLog log = new DurableEntryLog(SyncMode.LOSE_UNSYNCED_ON_CRASH);
        appendAll(log, 1, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> log.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> log.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> log.truncateFrom(4));
        log.truncateFrom(3);
        assertEquals(3, log.size());
    }

    @Test
    @DisplayName("A restart restores the model's log from the durable one, column by column, after a snapshot's base")
    void raftLogRestoresFromTheDurableLog() {
        DurableEntryLog log = new DurableEntryLog(SyncMode.LOSE_UNSYNCED_ON_CRASH);
        appendAll(log, CHUNK - 3, 2L * CHUNK);
        RaftLog restored = new RaftLog(1);
        restored.resetTo(CHUNK - 4, entry(CHUNK - 4).term());
        restored.restore(log.entries());
        assertEquals(2L * CHUNK, restored.lastIndex());
        assertEquals(entries(CHUNK - 3, 2L * CHUNK), restored.slice(CHUNK - 3, 2L * CHUNK));
        RaftLog misplaced = new RaftLog(1);
        assertThrows(IllegalStateException.class, () -> misplaced.restore(log.entries()));
    }

    @Test
    @DisplayName("Sharing the log in memory's chunks keeps the crash semantics: a crash returns to the synced entries the log has since rewritten")
    void sharedChunksKeepCrashSemantics() {
        RaftLog memory = new RaftLog(0);
        DurableEntryLog durable = new DurableEntryLog(SyncMode.LOSE_UNSYNCED_ON_CRASH);
        for (LogEntry entry : entries(1, CHUNK + 20)) {
            memory.append(entry);
        }
        durable.appendFrom(memory, entries(1, CHUNK + 20));
        durable.sync();
        assertTrue(durable.sharesChunkWith(memory, CHUNK + 20), "one copy of the entries, not two");

        // A new leader's entries replace the tail in memory, then in the durable log, unsynced.
        memory.truncateFrom(CHUNK + 5);
        durable.truncateFrom(CHUNK + 4);
        List<LogEntry> rewritten = new ArrayList<>();
        for (long index = CHUNK + 5; index <= CHUNK + 30; index++) {
            rewritten.add(new LogEntry(900, index, new Command.ClientCommand(8, index, new io.raftsim.harness.kv.Put("n", "v" + index))));
        }
        for (LogEntry entry : rewritten) {
            memory.append(entry);
        }
        durable.appendFrom(memory, rewritten);
        assertEquals(rewritten.get(25), durable.get(CHUNK + 29));

        durable.loseUnsyncedWrites();
        assertEquals(entries(1, CHUNK + 20), contents(durable), "the synced entries, though memory overwrote their positions");
    }

    @Test
    @DisplayName("Logs that share another's entries (a preload) write copies of their own: the others keep theirs")
    void appendAllOfSharesUntilWritten() {
        DurableEntryLog first = new DurableEntryLog(SyncMode.LOSE_UNSYNCED_ON_CRASH);
        appendAll(first, 1, CHUNK + 3);
        DurableEntryLog second = new DurableEntryLog(SyncMode.LOSE_UNSYNCED_ON_CRASH);
        second.appendAllOf(first);
        assertTrue(second.sharesChunkWith(first, 1));
        second.truncateFrom(CHUNK);
        second.append(new LogEntry(77, CHUNK + 1, Command.Noop.INSTANCE));
        first.append(entry(CHUNK + 4));
        assertEquals(entries(1, CHUNK + 4), contents(first));
        assertEquals(new LogEntry(77, CHUNK + 1, Command.Noop.INSTANCE), second.get(CHUNK));
        assertEquals(entries(1, CHUNK), contents(second).subList(0, CHUNK));
        assertThrows(IllegalStateException.class, () -> second.appendAllOf(first));
    }
}

package io.raftsim.raft.message;

import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * AppendEntries and its reply write out the equals a record would generate (for speed: the
 * wire compares each message with the one sent before it). Written by hand, a component left
 * out would make two different messages share one encoding, so every component must count.
 */
class HandWrittenEqualsTest {
    private static final List<LogEntry> ENTRIES = List.of(new LogEntry(2, 5, Command.Noop.INSTANCE));

    @Test
    void everyComponentOfAnAppendEntriesCounts() {
        AppendEntries base = new AppendEntries(3, 1, 4, 2, ENTRIES, 4);
        assertEquals(base, new AppendEntries(3, 1, 4, 2, List.copyOf(ENTRIES), 4));
        assertEquals(base.hashCode(), new AppendEntries(3, 1, 4, 2, List.copyOf(ENTRIES), 4).hashCode());
        List<AppendEntries> others = List.of(
                new AppendEntries(9, 1, 4, 2, ENTRIES, 4),
                new AppendEntries(3, 9, 4, 2, ENTRIES, 4),
                new AppendEntries(3, 1, 9, 2, ENTRIES, 4),
                new AppendEntries(3, 1, 4, 9, ENTRIES, 4),
                new AppendEntries(3, 1, 4, 2, List.of(), 4),
                new AppendEntries(3, 1, 4, 2, ENTRIES, 9));
        for (AppendEntries other : others) {
            assertNotEquals(base, other, other.toString());
        }
        assertNotEquals(base, new AppendEntriesReply(3, true, 4, 0, 0, 0, 4));
    }

    @Test
    void everyComponentOfAnAppendEntriesReplyCounts() {
        AppendEntriesReply base = new AppendEntriesReply(3, false, 4, 5, 6, 7, 8);
        assertEquals(base, new AppendEntriesReply(3, false, 4, 5, 6, 7, 8));
        assertEquals(base.hashCode(), new AppendEntriesReply(3, false, 4, 5, 6, 7, 8).hashCode());
        List<AppendEntriesReply> others = List.of(
                new AppendEntriesReply(9, false, 4, 5, 6, 7, 8),
                new AppendEntriesReply(3, true, 4, 5, 6, 7, 8),
                new AppendEntriesReply(3, false, 9, 5, 6, 7, 8),
                new AppendEntriesReply(3, false, 4, 9, 6, 7, 8),
                new AppendEntriesReply(3, false, 4, 5, 9, 7, 8),
                new AppendEntriesReply(3, false, 4, 5, 6, 9, 8),
                new AppendEntriesReply(3, false, 4, 5, 6, 7, 9));
        for (AppendEntriesReply other : others) {
            assertNotEquals(base, other, other.toString());
        }
    }
}

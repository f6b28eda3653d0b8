package io.raftsim.raft.node;

import io.raftsim.harness.event.RaftEvent;

import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Effects} is what the host acts on: persist, then send, then arm timers. Whatever a
 * node wrote into it must reach the host whole, and nothing of one input may leak into the
 * next once the host has cleared it.
 */
@DisplayName("Effects: what one input produced, for the host")
class EffectsTest {
    @Test
    @DisplayName("Every message is kept in order with its target, however many one input sends")
    void keepsEveryMessageInOrder() {
        Effects effects = new Effects(false);
        for (int i = 0; i < 40; i++) {
            effects.send(i % 5, new RequestVoteReply(i, true, false));
        }
        assertEquals(40, effects.messageCount());
        for (int i = 0; i < 40; i++) {
            assertEquals(i % 5, effects.target(i));
            assertEquals(new RequestVoteReply(i, true, false), effects.message(i));
        }
    }

    @Test
    @DisplayName("A timer is unchanged, armed with a delay, or cancelled; the last word of one input wins")
    void timers() {
        Effects effects = new Effects(false);
        assertFalse(effects.timerChanged(RaftTimers.ELECTION));
        assertFalse(effects.timerCancelled(RaftTimers.ELECTION));
        effects.setTimer(RaftTimers.ELECTION, 150_000);
        effects.cancelTimer(RaftTimers.HEARTBEAT);
        assertTrue(effects.timerChanged(RaftTimers.ELECTION));
        assertFalse(effects.timerCancelled(RaftTimers.ELECTION));
        assertEquals(150_000, effects.timerDelayMicros(RaftTimers.ELECTION));
        assertTrue(effects.timerChanged(RaftTimers.HEARTBEAT));
        assertTrue(effects.timerCancelled(RaftTimers.HEARTBEAT));
        assertFalse(effects.timerChanged(RaftTimers.CHECK_QUORUM));
        effects.cancelTimer(RaftTimers.ELECTION);
        assertTrue(effects.timerCancelled(RaftTimers.ELECTION));
    }

    private static LogEntry entry(long term, long index) {
        return new LogEntry(term, index, Command.Noop.INSTANCE);
    }

    @Test
    @DisplayName("The log is persisted from the lowest index any truncation of the input removed")
    void truncationKeepsTheLowestIndex() {
        Effects effects = new Effects(false);
        assertEquals(Effects.NO_TRUNCATION, effects.truncateFromIndex());
        assertFalse(effects.mustPersist());
        effects.logTruncatedFrom(7);
        effects.logTruncatedFrom(4);
        effects.logTruncatedFrom(9);
        assertEquals(4, effects.truncateFromIndex());
        assertTrue(effects.mustPersist());
        Effects appendOnly = new Effects(false);
        appendOnly.logAppended(entry(1, 1));
        assertTrue(appendOnly.mustPersist());
        assertEquals(List.of(entry(1, 1)), appendOnly.entriesToAppend());
        assertEquals(Effects.NO_TRUNCATION, appendOnly.truncateFromIndex());
    }

    @Test
    @DisplayName("Entries appended and removed within one input never reach the durable log; a truncation below them does")
    void truncationOfThisInputsEntriesOnlyDropsThem() {
        Effects effects = new Effects(false);
        effects.logAppended(entry(1, 4));
        effects.logAppended(entry(1, 5));
        effects.logAppended(entry(1, 6));
        effects.logTruncatedFrom(5);
        assertEquals(Effects.NO_TRUNCATION, effects.truncateFromIndex(), "entries 5 and 6 were never stored");
        assertEquals(List.of(entry(1, 4)), effects.entriesToAppend());
        effects.logAppended(entry(2, 5));
        effects.logTruncatedFrom(3);
        assertEquals(3, effects.truncateFromIndex(), "entry 3 was stored by an earlier input");
        assertTrue(effects.entriesToAppend().isEmpty());
        effects.logAppended(entry(3, 3));
        assertEquals(List.of(entry(3, 3)), effects.entriesToAppend());
    }

    @Test
    @DisplayName("The hard state to store is the last one of the input; committed entries are kept in order")
    void hardStateAndCommittedEntries() {
        Effects effects = new Effects(false);
        assertNull(effects.hardState());
        effects.persistHardState(new HardState(2, HardState.NO_VOTE));
        effects.persistHardState(new HardState(2, 1));
        assertEquals(new HardState(2, 1), effects.hardState());
        assertTrue(effects.mustPersist());
        effects.committed(entry(1, 1));
        effects.committed(entry(2, 2));
        assertEquals(List.of(entry(1, 1), entry(2, 2)), effects.entriesToApply());
    }

    @Test
    @DisplayName("Events are kept only when the host records them")
    void eventsOnlyWhenRecording() {
        RaftEvent event = new RaftEvent.CommitAdvanced(0, 1, 2);
        Effects recording = new Effects(true);
        recording.event(event);
        assertTrue(recording.recordingEvents());
        assertEquals(List.of(event), recording.events());
        Effects silent = new Effects(false);
        silent.event(event);
        assertFalse(silent.recordingEvents());
        assertTrue(silent.events().isEmpty());
    }

    @Test
    @DisplayName("After clear(), nothing of the previous input remains")
    void clearForgetsEverything() {
        Effects effects = new Effects(true);
        effects.persistHardState(new HardState(1, 0));
        effects.logTruncatedFrom(3);
        effects.logAppended(entry(1, 3));
        effects.committed(entry(1, 1));
        effects.setTimer(RaftTimers.HEARTBEAT, 50_000);
        for (int i = 0; i < 20; i++) {
            effects.send(1, new RequestVoteReply(1, false, false));
        }
        effects.event(new RaftEvent.CommitAdvanced(0, 0, 1));
        effects.clear();
        assertNull(effects.hardState());
        assertFalse(effects.mustPersist());
        assertEquals(Effects.NO_TRUNCATION, effects.truncateFromIndex());
        assertTrue(effects.entriesToAppend().isEmpty());
        assertTrue(effects.entriesToApply().isEmpty());
        assertFalse(effects.timerChanged(RaftTimers.HEARTBEAT));
        assertEquals(0, effects.messageCount());
        assertTrue(effects.events().isEmpty());
        effects.send(2, new RequestVoteReply(2, true, false));
        assertEquals(1, effects.messageCount());
        assertEquals(2, effects.target(0));
    }
}

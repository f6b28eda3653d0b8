package io.raftsim.raft.node;

import io.raftsim.harness.event.RaftEvent;

import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    @DisplayName("The log is persisted from the lowest index any truncation of the input removed")
    void truncationKeepsTheLowestIndex() {
        Effects effects = new Effects(false);
        assertEquals(Long.MAX_VALUE, effects.truncatedFromIndex());
        assertFalse(effects.logChangedFlag());
        effects.logTruncatedFrom(7);
        effects.logTruncatedFrom(4);
        effects.logTruncatedFrom(9);
        assertEquals(4, effects.truncatedFromIndex());
        assertTrue(effects.logChangedFlag());
        Effects appendOnly = new Effects(false);
        appendOnly.logAppended();
        assertTrue(appendOnly.logChangedFlag());
        assertEquals(Long.MAX_VALUE, appendOnly.truncatedFromIndex());
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
        effects.hardStateChanged();
        effects.logTruncatedFrom(3);
        effects.setTimer(RaftTimers.HEARTBEAT, 50_000);
        for (int i = 0; i < 20; i++) {
            effects.send(1, new RequestVoteReply(1, false, false));
        }
        effects.event(new RaftEvent.CommitAdvanced(0, 0, 1));
        effects.clear();
        assertFalse(effects.hardStateChangedFlag());
        assertFalse(effects.logChangedFlag());
        assertEquals(Long.MAX_VALUE, effects.truncatedFromIndex());
        assertFalse(effects.timerChanged(RaftTimers.HEARTBEAT));
        assertEquals(0, effects.messageCount());
        assertTrue(effects.events().isEmpty());
        effects.send(2, new RequestVoteReply(2, true, false));
        assertEquals(1, effects.messageCount());
        assertEquals(2, effects.target(0));
    }
}

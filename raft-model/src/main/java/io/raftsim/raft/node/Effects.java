package io.raftsim.raft.node;

import io.raftsim.harness.event.RaftEvent;

import io.raftsim.raft.message.Message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one input to a node produced, as data (etcd's {@code Ready}): state to persist,
 * timers to arm or cancel, messages to send and events to report. The host must persist
 * before it sends: a vote or an acknowledgement that reached another server must survive a
 * crash of its sender (Figure 2, "Persistent state ... updated on stable storage before
 * responding to RPCs"). Reused across inputs: the host drains it, then calls {@link #clear()}.
 */
public final class Effects {
    private static final long NO_TIMER_CHANGE = -1;
    private static final long CANCEL_TIMER = -2;

    private boolean hardStateChanged;
    private long truncatedFromIndex = Long.MAX_VALUE;
    private boolean logChanged;
    private final long[] timerChanges = new long[RaftTimers.COUNT];
    private int[] targets = new int[16];
    private Message[] messages = new Message[16];
    private int messageCount;
    private final boolean recordingEvents;
    private final List<RaftEvent> events = new ArrayList<>();

    public Effects(boolean recordingEvents) {
        this.recordingEvents = recordingEvents;
        Arrays.fill(timerChanges, NO_TIMER_CHANGE);
    }

    // ---- written by the node -----------------------------------------------------

    void hardStateChanged() {
        hardStateChanged = true;
    }

    void logTruncatedFrom(long index) {
        truncatedFromIndex = Math.min(truncatedFromIndex, index);
        logChanged = true;
    }

    void logAppended() {
        logChanged = true;
    }

    void setTimer(int timerId, long delayMicros) {
        timerChanges[timerId] = delayMicros;
    }

    void cancelTimer(int timerId) {
        timerChanges[timerId] = CANCEL_TIMER;
    }

    void send(int to, Message message) {
        if (messageCount == targets.length) {
            targets = Arrays.copyOf(targets, messageCount * 2);
            messages = Arrays.copyOf(messages, messageCount * 2);
        }
        targets[messageCount] = to;
        messages[messageCount] = message;
        messageCount++;
    }

    boolean recordingEvents() {
        return recordingEvents;
    }

    void event(RaftEvent event) {
        if (recordingEvents) {
            events.add(event);
        }
    }

    // ---- read by the host ----------------------------------------------------------

    /** True when currentTerm or votedFor changed and must be persisted before sending. */
    public boolean hardStateChangedFlag() {
        return hardStateChanged;
    }

    /** True when the log changed and must be persisted before sending. */
    public boolean logChangedFlag() {
        return logChanged;
    }

    /** The lowest log index removed by this input, or {@code Long.MAX_VALUE} when none was. */
    public long truncatedFromIndex() {
        return truncatedFromIndex;
    }

    public boolean timerChanged(int timerId) {
        return timerChanges[timerId] != NO_TIMER_CHANGE;
    }

    public boolean timerCancelled(int timerId) {
        return timerChanges[timerId] == CANCEL_TIMER;
    }

    public long timerDelayMicros(int timerId) {
        return timerChanges[timerId];
    }

    public int messageCount() {
        return messageCount;
    }

    public int target(int i) {
        return targets[i];
    }

    public Message message(int i) {
        return messages[i];
    }

    public List<RaftEvent> events() {
        return events;
    }

    public void clear() {
        hardStateChanged = false;
        truncatedFromIndex = Long.MAX_VALUE;
        logChanged = false;
        Arrays.fill(timerChanges, NO_TIMER_CHANGE);
        Arrays.fill(messages, 0, messageCount, null);
        messageCount = 0;
        events.clear();
    }
}

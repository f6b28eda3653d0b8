package io.raftsim.raft.node;

import io.raftsim.harness.event.RaftEvent;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.Message;
import io.raftsim.raft.snapshot.Snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one input to a node produced, as data (etcd's {@code Ready}): the hard state to store,
 * the log suffix to remove and the entries to append to the durable log, messages to send,
 * timers to arm or cancel, entries that became committed and may be applied, and events to
 * report. The host needs nothing else from the node to carry them out.
 *
 * <p>The host must carry them out in this order: <b>persist</b> (store the hard state, truncate,
 * append, then sync), then <b>send</b>, then arm the timers, then <b>apply</b>. Persisting
 * before sending is what Figure 2 requires ("Persistent state ... updated on stable storage
 * before responding to RPCs"; etcd: "persist before you send"): a vote or an acknowledgement
 * that reached another server must survive a crash of its sender. Applying last lets a reply to
 * a client follow the writes that made its entry durable here.
 *
 * <p>Reused across inputs: the host drains it, then calls {@link #clear()}; the lists keep
 * their capacity, so a step allocates nothing here.
 */
public final class Effects {
    /** {@link #truncateFromIndex()} when the input removed nothing from the durable log. */
    public static final long NO_TRUNCATION = Long.MAX_VALUE;

    private static final long NO_TIMER_CHANGE = -1;
    private static final long CANCEL_TIMER = -2;

    private HardState hardState;
    private long truncateFromIndex = NO_TRUNCATION;
    private final List<LogEntry> entriesToAppend = new ArrayList<>();
    private final long[] timerChanges = new long[RaftTimers.COUNT];
    private int[] targets = new int[16];
    private Message[] messages = new Message[16];
    private int messageCount;
    private final List<LogEntry> entriesToApply = new ArrayList<>();
    private long[] readsReady = new long[4];
    private int readsReadyCount;
    private final boolean recordingEvents;
    private final List<RaftEvent> events = new ArrayList<>();
    private Snapshot snapshot;
    private boolean snapshotInstalled;
    private boolean logDiscarded;

    public Effects(boolean recordingEvents) {
        this.recordingEvents = recordingEvents;
        Arrays.fill(timerChanges, NO_TIMER_CHANGE);
    }

    // ---- written by the node -----------------------------------------------------

    /** The hard state to store; the last one of an input wins. */
    void persistHardState(HardState state) {
        hardState = state;
    }

    /**
     * The log lost its entries from {@code index} on. Entries this input appended are only
     * dropped from {@link #entriesToAppend()}; a suffix that reached the durable log in an
     * earlier input is truncated there, from the lowest index any truncation of the input named.
     */
    void logTruncatedFrom(long index) {
        int count = entriesToAppend.size();
        if (count > 0 && entriesToAppend.get(0).index() <= index) {
            entriesToAppend.subList((int) (index - entriesToAppend.get(0).index()), count).clear();
            return;
        }
        entriesToAppend.clear();
        truncateFromIndex = Math.min(truncateFromIndex, index);
    }

    /** An entry appended to the log, in index order after any truncation. */
    void logAppended(LogEntry entry) {
        entriesToAppend.add(entry);
    }

    /** An entry that became committed and may be applied, in index order. */
    void committed(LogEntry entry) {
        entriesToApply.add(entry);
    }

    /** A read ({@link RaftNode#read}) that may be answered once this input's entries are applied (§6.4). */
    void readReady(long readId, long readIndex) {
        if (readsReadyCount == readsReady.length) {
            readsReady = Arrays.copyOf(readsReady, readsReadyCount * 2);
        }
        readsReady[readsReadyCount++] = readId;
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

    /**
     * §7: the log is now compacted through {@code taken}'s last included index; the host stores
     * the snapshot and drops the entries it covers from the durable log (the snapshot the host
     * itself took and handed to the node).
     */
    void logCompacted(Snapshot taken) {
        snapshot = taken;
        snapshotInstalled = false;
        logDiscarded = false;
    }

    /**
     * Figure 13: a leader's snapshot replaced the state machine; the host stores it, drops the
     * entries it covers from the durable log (all of them when {@code wholeLogDiscarded}, step 7),
     * and installs it in the state machine before applying anything after it (step 8).
     */
    void snapshotInstalled(Snapshot installed, boolean wholeLogDiscarded) {
        snapshot = installed;
        snapshotInstalled = true;
        logDiscarded = wholeLogDiscarded;
    }

    // ---- read by the host, in the order it acts on them -------------------------------

    /** The snapshot to store before anything else of the input, or null for none. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Whether {@link #snapshot()} came from the leader and replaces the state machine (rather than taken from it here). */
    public boolean snapshotInstalled() {
        return snapshotInstalled;
    }

    /** Whether the whole durable log goes with the snapshot's install (Figure 13, step 7), not just the entries it covers. */
    public boolean logDiscarded() {
        return logDiscarded;
    }

    /** The hard state to store before sending, or null when currentTerm and votedFor did not change. */
    public HardState hardState() {
        return hardState;
    }

    /** The lowest index of the durable log to remove, with everything after it, before appending; {@link #NO_TRUNCATION} for none. */
    public long truncateFromIndex() {
        return truncateFromIndex;
    }

    /** Entries to append to the durable log after the truncation, in index order; empty for none. */
    public List<LogEntry> entriesToAppend() {
        return entriesToAppend;
    }

    /** Whether the host must write (and sync) before it sends: a hard state, a truncation or entries. */
    public boolean mustPersist() {
        return hardState != null || truncateFromIndex != NO_TRUNCATION || !entriesToAppend.isEmpty() || snapshot != null;
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

    public boolean timerChanged(int timerId) {
        return timerChanges[timerId] != NO_TIMER_CHANGE;
    }

    public boolean timerCancelled(int timerId) {
        return timerChanges[timerId] == CANCEL_TIMER;
    }

    public long timerDelayMicros(int timerId) {
        return timerChanges[timerId];
    }

    /**
     * Entries that became committed with this input, in index order, to apply once persisted and
     * sent: each committed index is handed out once per incarnation of the node.
     */
    public List<LogEntry> entriesToApply() {
        return entriesToApply;
    }

    /** How many reads may be answered after applying this input's committed entries. */
    public int readsReadyCount() {
        return readsReadyCount;
    }

    /** The id of the {@code i}th read to answer, in the order they became ready. */
    public long readReady(int i) {
        return readsReady[i];
    }

    public List<RaftEvent> events() {
        return events;
    }

    public void clear() {
        hardState = null;
        snapshot = null;
        snapshotInstalled = false;
        logDiscarded = false;
        truncateFromIndex = NO_TRUNCATION;
        entriesToAppend.clear();
        Arrays.fill(timerChanges, NO_TIMER_CHANGE);
        Arrays.fill(messages, 0, messageCount, null);
        messageCount = 0;
        entriesToApply.clear();
        readsReadyCount = 0;
        events.clear();
    }
}

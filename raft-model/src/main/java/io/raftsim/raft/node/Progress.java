package io.raftsim.raft.node;

import io.raftsim.harness.spi.ReplicationState;

/**
 * A leader's replication progress for one follower, as its own small state machine (after
 * etcd's tracker/progress.go):
 * <ul>
 *   <li>PROBE: the leader does not know where the logs diverge; it sends one append at a
 *       time from {@code nextIndex} and steps back on each rejection (§5.3);</li>
 *   <li>REPLICATE: the logs match through {@code matchIndex}; the leader streams entries,
 *       advancing {@code nextIndex} optimistically, with at most a bounded number of
 *       appends unacknowledged.</li>
 * </ul>
 */
public final class Progress {


    // Invariant: 0 <= matchIndex < nextIndex <= leader's lastIndex + 1.
    private long matchIndex;
    private long nextIndex;
    private ReplicationState state = ReplicationState.PROBE;
    /** PROBE only: an append is out and unanswered; wait for its reply or the next heartbeat. */
    private boolean probeSent;
    // REPLICATE only: last indexes of unacknowledged appends, ascending, at most maxInflight.
    private final long[] inflightLastIndexes;
    private int inflightCount;
    /** Acknowledged since the previous heartbeat: a stream that stopped moving falls back to PROBE. */
    private boolean progressedSinceHeartbeat;
    /** Heard from since the last CheckQuorum round. */
    private boolean recentlyActive;

    Progress(long nextIndex, int maxInflight) {
        this.nextIndex = nextIndex;
        this.inflightLastIndexes = new long[maxInflight];
    }

    public long matchIndex() {
        return matchIndex;
    }

    public long nextIndex() {
        return nextIndex;
    }

    public ReplicationState state() {
        return state;
    }

    boolean canSendProbe() {
        return state == ReplicationState.PROBE && !probeSent;
    }

    boolean inflightFull() {
        return inflightCount == inflightLastIndexes.length;
    }

    int inflightCount() {
        return inflightCount;
    }

    void probeSent() {
        probeSent = true;
    }

    /** Heartbeat time: allow one more probe; report whether a replicate stream has stalled. */
    boolean heartbeatTick() {
        probeSent = false;
        boolean stalled = state == ReplicationState.REPLICATE && inflightCount > 0 && !progressedSinceHeartbeat;
        progressedSinceHeartbeat = false;
        return stalled;
    }

    /** An append through {@code lastIndex} went out while replicating; nextIndex moves past it. */
    void sentReplicate(long lastIndex) {
        assert state == ReplicationState.REPLICATE && !inflightFull();
        inflightLastIndexes[inflightCount++] = lastIndex;
        nextIndex = lastIndex + 1;
    }

    /** A success through {@code index}; returns false when it tells nothing new (stale or duplicate). */
    boolean acknowledge(long index) {
        if (index <= matchIndex) {
            return false;
        }
        matchIndex = index;
        nextIndex = Math.max(nextIndex, index + 1);
        progressedSinceHeartbeat = true;
        int freed = 0;
        while (freed < inflightCount && inflightLastIndexes[freed] <= index) {
            freed++;
        }
        System.arraycopy(inflightLastIndexes, freed, inflightLastIndexes, 0, inflightCount - freed);
        inflightCount -= freed;
        if (state == ReplicationState.PROBE) {
            state = ReplicationState.REPLICATE;
            probeSent = false;
        }
        return true;
    }

    /** Back to probing from {@code next} (at least matchIndex + 1). */
    void becomeProbe(long next) {
        state = ReplicationState.PROBE;
        nextIndex = Math.max(matchIndex + 1, next);
        probeSent = false;
        inflightCount = 0;
    }

    void markActive() {
        recentlyActive = true;
    }

    boolean takeRecentlyActive() {
        boolean active = recentlyActive;
        recentlyActive = false;
        return active;
    }

    @Override
    public String toString() {
        return state + " match=" + matchIndex + " next=" + nextIndex + " inflight=" + inflightCount;
    }
}

package io.raftsim.raft.node;

/**
 * A leader's transfer of leadership in progress (dissertation §3.10): the target, when the
 * transfer gives up, and whether TimeoutNow went out. Leader-only state, cleared when the
 * leader steps down or the transfer aborts. While it is active the leader accepts no proposals.
 */
final class LeadershipTransfer {
    static final int NONE = -1;

    private int target = NONE;
    private long deadlineMicros;
    private boolean timeoutNowSent;

    void start(int server, long untilMicros) {
        target = server;
        deadlineMicros = untilMicros;
        timeoutNowSent = false;
    }

    boolean active() {
        return target != NONE;
    }

    int target() {
        return target;
    }

    /** §3.10: "If the transfer does not complete within an election timeout, the leader aborts it and resumes accepting client requests." */
    boolean expired(long nowMicros) {
        return active() && nowMicros >= deadlineMicros;
    }

    boolean timeoutNowSent() {
        return timeoutNowSent;
    }

    void markTimeoutNowSent() {
        timeoutNowSent = true;
    }

    void clear() {
        target = NONE;
        timeoutNowSent = false;
    }
}

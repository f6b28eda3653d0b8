package io.raftsim.raft.node;

import io.raftsim.raft.log.Configuration;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Iterator;

/**
 * A leader's reads that do not go through the log (dissertation §6.4): each waits for its read
 * index, for a round of heartbeats acknowledged by a majority and begun after the index was
 * recorded, and for the state machine to apply through the index; with a lease (§6.4.1), a read
 * inside the lease needs no round. Leader-only state: the node makes a fresh tracker's
 * contents empty whenever it leaves or takes leadership.
 *
 * <p>Rounds are numbered in this leadership. A follower's acknowledgement of round r confirms
 * every round up to r, so one round confirms every read waiting on it or an earlier one
 * (batching), and a round whose messages were lost is superseded by the next. At most one
 * round is in flight between heartbeats: a read arriving meanwhile waits for the next.
 *
 * <p>Invariants: {@code confirmedRound <= startedRound <= wantedRound <= startedRound + 1}; at
 * most {@link #MAX_READS} reads wait. Rounds of queued reads need not be in order (a lease read
 * waits for none), so the round wanted is kept apart.
 */
final class ReadTracker {
    /** A read waiting to be answered; {@code readIndex} is {@link #NO_INDEX} until the leader has committed an entry of its term. */
    private static final class Read {
        final long readId;
        long readIndex;
        long round;

        Read(long readId, long readIndex, long round) {
            this.readId = readId;
            this.readIndex = readIndex;
            this.round = round;
        }
    }

    static final long NO_INDEX = -1;
    /** Reads waiting at once; a host sends one read per client at a time, so this bound is only reached by a storm. */
    static final int MAX_READS = 4096;
    /** Rounds whose start time is remembered, to extend the lease when one is confirmed; older rounds confirm reads but extend nothing. */
    private static final int REMEMBERED_ROUNDS = 64;

    private final int self;
    private final ArrayDeque<Read> reads = new ArrayDeque<>();
    /** Per peer, the highest round it acknowledged in this leadership. */
    private final long[] acknowledgedRound;
    private final long[] scratch;
    private final long[] roundStartMicros = new long[REMEMBERED_ROUNDS];
    private final long[] roundOfStart = new long[REMEMBERED_ROUNDS];
    private long startedRound;
    private long confirmedRound;
    /** The highest round a queued read waits for. */
    private long wantedRound;
    /** On the leader's clock: reads may be answered without a round before this time (§6.4.1). */
    private long leaseUntilMicros = Long.MIN_VALUE;

    ReadTracker(int self, int clusterSize) {
        this.self = self;
        this.acknowledgedRound = new long[clusterSize];
        this.scratch = new long[clusterSize];
    }

    /** Forgets everything: a new leadership, or none. */
    void reset() {
        reads.clear();
        Arrays.fill(acknowledgedRound, 0);
        Arrays.fill(roundOfStart, 0);
        startedRound = 0;
        confirmedRound = 0;
        wantedRound = 0;
        leaseUntilMicros = Long.MIN_VALUE;
    }

    boolean full() {
        return reads.size() >= MAX_READS;
    }

    boolean isEmpty() {
        return reads.isEmpty();
    }

    /**
     * Queues a read. {@code round} is the round whose confirmation it waits for (0 for none: a
     * lease read, or a read index without confirmation).
     */
    void add(long readId, long readIndex, long round) {
        assert !full() : "read queue over its bound " + MAX_READS;
        reads.addLast(new Read(readId, readIndex, round));
        wantedRound = Math.max(wantedRound, round);
    }

    /** Records the read index of reads that waited for the leader's first commit of its term; returns how many got one. */
    int assignReadIndex(long commitIndex, long round) {
        int assigned = 0;
        for (Read read : reads) {
            if (read.readIndex == NO_INDEX) {
                read.readIndex = commitIndex;
                read.round = round;
                wantedRound = Math.max(wantedRound, round);
                assigned++;
            }
        }
        return assigned;
    }

    /** The round a read recorded now must wait for: the next one to start, since any round already started may have been acknowledged before the read arrived. */
    long nextRound() {
        return startedRound + 1;
    }

    /** Whether a round was started and not yet confirmed. */
    boolean roundInFlight() {
        return startedRound > confirmedRound;
    }

    /** Whether a read waits for a round that has not started yet. */
    boolean roundWanted() {
        return wantedRound > startedRound;
    }

    /** Starts the next round at {@code nowMicros} on the leader's clock; returns its number. */
    long startRound(long nowMicros) {
        startedRound++;
        int slot = (int) (startedRound % REMEMBERED_ROUNDS);
        roundOfStart[slot] = startedRound;
        roundStartMicros[slot] = nowMicros;
        return startedRound;
    }

    /**
     * A follower acknowledged {@code round}. Returns true when that made a later round
     * confirmed by a majority of the voters of {@code configuration}, the one the leader uses
     * (dissertation §4.1; the leader counts itself when it is one of them); with
     * {@code leaseMicros > 0} a confirmed round whose start is remembered extends the lease to
     * its start plus that much.
     */
    boolean acknowledge(int peer, long round, long leaseMicros, Configuration configuration) {
        if (round <= acknowledgedRound[peer] || round > startedRound) {
            return false; // a duplicate, an older round, or (impossible in one leadership) a round never started
        }
        acknowledgedRound[peer] = round;
        long majorityRound = majorityRound(configuration.voters(), configuration.majority());
        if (configuration.isJoint()) {
            // §4.3: a joint configuration's quorum is a majority of each voter set.
            majorityRound = Math.min(majorityRound, majorityRound(configuration.outgoingVoters(), configuration.outgoingMajority()));
        }
        if (majorityRound <= confirmedRound) {
            return false;
        }
        confirmedRound = majorityRound;
        int slot = (int) (confirmedRound % REMEMBERED_ROUNDS);
        if (leaseMicros > 0 && roundOfStart[slot] == confirmedRound) {
            leaseUntilMicros = Math.max(leaseUntilMicros, roundStartMicros[slot] + leaseMicros);
        }
        return true;
    }

    /** The latest round {@code majority} of {@code voters} acknowledged, the leader counting its own rounds. */
    private long majorityRound(List<Integer> voters, int majority) {
        int count = 0;
        for (int voter : voters) {
            scratch[count++] = voter == self ? startedRound : acknowledgedRound[voter];
        }
        Arrays.sort(scratch, 0, count);
        return scratch[count - majority];
    }

    /** A configuration whose only voter is the leader confirms every round at once: it is its own majority. */
    void confirmAlone(long leaseMicros, Configuration configuration) {
        if (configuration.voters().size() == 1 && !configuration.isJoint() && configuration.isVoter(self) && startedRound > confirmedRound) {
            confirmedRound = startedRound;
            int slot = (int) (confirmedRound % REMEMBERED_ROUNDS);
            if (leaseMicros > 0) {
                leaseUntilMicros = Math.max(leaseUntilMicros, roundStartMicros[slot] + leaseMicros);
            }
        }
    }

    /** Gives the lease up (a leadership transfer lets the target campaign past the followers' promise). */
    void endLease() {
        leaseUntilMicros = Long.MIN_VALUE;
    }

    boolean inLease(long nowMicros) {
        return nowMicros < leaseUntilMicros;
    }

    long leaseUntilMicros() {
        return leaseUntilMicros;
    }

    /**
     * Hands each read that may now be answered to {@code ready}: its index recorded, its round
     * confirmed, and applied through its index. Reads leave in arrival order only as far as they
     * are ready, except that a ready read behind one still waiting leaves too (each is answered on its own).
     */
    void release(long appliedIndex, ReadyReads ready) {
        Iterator<Read> it = reads.iterator();
        while (it.hasNext()) {
            Read read = it.next();
            if (read.readIndex != NO_INDEX && read.readIndex <= appliedIndex && read.round <= confirmedRound) {
                it.remove();
                ready.ready(read.readId, read.readIndex);
            }
        }
    }

    /** Where {@link #release} hands the reads that may be answered. */
    interface ReadyReads {
        void ready(long readId, long readIndex);
    }
}

package io.raftsim.raft.node;

import io.raftsim.harness.event.RaftEvent;

import io.raftsim.harness.spi.Role;

import io.raftsim.harness.spi.ReplicationState;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.ReadMode;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.log.RaftLog;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.ConfirmLeadership;
import io.raftsim.raft.message.ConfirmLeadershipReply;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import io.raftsim.raft.message.TimeoutNow;
import io.raftsim.sim.random.RandomStream;

import java.util.Arrays;
import java.util.List;

/**
 * One Raft server as a pure state machine (Figure 2). Inputs: {@link #start},
 * {@link #receive}, {@link #timerFired}, {@link #propose}; each takes the node's clock
 * reading as an argument. Outputs go to the {@link Effects} buffer as data, complete when the
 * input returns. The node has no clock, no network and no disk of its own, so the same code
 * could run on a real transport. Wherever the paper decides, the node asks its
 * {@link RaftRules}.
 *
 * <p>Term handling happens once, at the top of {@link #receive} (§5.1: "If RPC request or
 * response contains term T > currentTerm: set currentTerm = T, convert to follower"); then
 * one handler per role. Roles change only in the {@code become...} methods, which refuse
 * illegal transitions.
 */
public final class RaftNode {
    private static final int NO_LEADER = -1;

    private final int id;
    private final RaftConfig config;
    private final RandomStream random;
    private final Effects out;
    private final RaftLog log;
    private final RaftRules rules;

    // Persistent state (Figure 2).
    private long currentTerm;
    private int votedFor;

    // Volatile state.
    private Role role = Role.FOLLOWER;
    private int leaderId = NO_LEADER;
    private long commitIndex;
    private long nowMicros;
    private long lastHeardFromLeaderMicros = Long.MIN_VALUE / 2;
    private final boolean[] votesGranted;
    private int votesGrantedCount;

    // Leader-only state, reinitialised on election (Figure 2: nextIndex, matchIndex).
    private final Progress[] progress;
    private final long[] matchScratch;
    /** Reads answered without the log (§6.4), with the rounds that confirm them; empty unless leading. */
    private final ReadTracker reads;
    /** A transfer of leadership this leader started (§3.10); inactive otherwise. */
    private final LeadershipTransfer transfer = new LeadershipTransfer();

    // What the current input changed, handed to Effects as data when it returns.
    /** currentTerm or votedFor changed during this input. */
    private boolean hardStateChanged;
    /** The highest index handed out in {@link Effects#entriesToApply()}; the host applies them all. */
    private long handedOutForApplyIndex;

    /**
     * Restores a node from what its previous incarnation persisted (empty on first start).
     * Volatile state starts fresh: follower, no leader known, commit index 0.
     */
    public RaftNode(int id, RaftConfig config, HardState hardState, List<LogEntry> persistedLog,
                    RandomStream random, Effects out) {
        this(id, config, hardState, persistedLog, random, out, RaftRules.PAPER);
    }

    /** As above, following {@code rules}: {@link RaftRules#PAPER} in every real run. */
    public RaftNode(int id, RaftConfig config, HardState hardState, List<LogEntry> persistedLog,
                    RandomStream random, Effects out, RaftRules rules) {
        this.id = id;
        this.config = config;
        this.random = random;
        this.out = out;
        this.currentTerm = hardState.currentTerm();
        this.votedFor = hardState.votedFor();
        this.log = new RaftLog(id);
        log.restore(persistedLog);
        this.votesGranted = new boolean[config.clusterSize()];
        this.progress = new Progress[config.clusterSize()];
        this.matchScratch = new long[config.clusterSize()];
        this.reads = new ReadTracker(id, config.clusterSize(), config.majority());
        this.rules = rules;
    }

    // ---- inputs --------------------------------------------------------------------

    /** Starts (or restarts) as a follower with a fresh randomized election timeout (§5.2). */
    public void start(long now) {
        this.nowMicros = now;
        startLeaseGuard();
        resetElectionTimer();
        handOver();
    }

    /**
     * Starts with a chosen first election timeout instead of a random one, so a scenario can
     * stage a race (two nodes timing out together split the vote, §5.2). Later timeouts are
     * random again.
     */
    public void start(long now, long firstElectionTimeoutMicros) {
        if (firstElectionTimeoutMicros <= 0) {
            throw new IllegalArgumentException("first election timeout must be positive: " + firstElectionTimeoutMicros);
        }
        this.nowMicros = now;
        startLeaseGuard();
        out.setTimer(RaftTimers.ELECTION, firstElectionTimeoutMicros);
        handOver();
    }

    public void receive(long now, int from, RaftMessage message) {
        this.nowMicros = now;
        step(from, message);
        handOver();
    }

    private void step(int from, RaftMessage message) {
        if (message.term() > currentTerm) {
            if (!rules.adoptsHigherTerm(role, message)) {
                stepByRole(from, message);
                return;
            }
            if (message instanceof RequestVote request && inLease() && !request.leadershipTransfer()) {
                // Dissertation §4.2.3 with CheckQuorum: a server that heard from a live leader
                // within the minimum election timeout neither updates its term nor votes, so a
                // server that cannot hear the leader cannot disrupt the cluster.
                out.event(new RaftEvent.VoteRefused(id, request.candidateId(), request.term(), request.preVote(), RaftEvent.VoteRefused.Reason.LEADER_ALIVE));
                return;
            }
            if (isPreVoteTraffic(message)) {
                // A pre-vote is a question about a future term; nobody changes term for it (§9.6).
                stepPreVoteAtHigherTerm(from, message);
                return;
            }
            becomeFollower(message.term(), message instanceof AppendEntries || message instanceof ConfirmLeadership ? from : NO_LEADER);
        } else if (message.term() < currentTerm) {
            if (message instanceof AppendEntries append && !rules.rejectsAppendOfOlderTerm(append.term(), currentTerm)) {
                // Taken for the leader after all: its entries are handled as our own term's.
                if (role != Role.FOLLOWER) {
                    becomeFollower(currentTerm, from);
                }
                handleAppendEntries(from, append);
                return;
            }
            if (message instanceof RequestVoteReply reply && role == Role.CANDIDATE && rules.countsVote(reply.term(), currentTerm)) {
                stepCandidate(from, message);
                return;
            }
            rejectStale(from, message);
            return;
        }
        stepByRole(from, message);
    }

    private void stepByRole(int from, RaftMessage message) {
        switch (role) {
            case FOLLOWER -> stepFollower(from, message);
            case PRE_CANDIDATE, CANDIDATE -> stepCandidate(from, message);
            case LEADER -> stepLeader(from, message);
        }
    }

    public void timerFired(long now, int timerId) {
        this.nowMicros = now;
        fire(timerId);
        handOver();
    }

    private void fire(int timerId) {
        switch (timerId) {
            case RaftTimers.ELECTION -> {
                if (role != Role.LEADER) {
                    if (config.preVote()) {
                        becomePreCandidate();
                    } else {
                        becomeCandidate();
                    }
                }
            }
            case RaftTimers.HEARTBEAT -> {
                if (role == Role.LEADER) {
                    heartbeat();
                    retryReadRound();
                    if (transfer.expired(nowMicros)) {
                        transfer.clear(); // §3.10: the target did not take over in time; proposals resume
                    }
                }
            }
            case RaftTimers.CHECK_QUORUM -> {
                if (role == Role.LEADER) {
                    checkQuorum();
                }
            }
            default -> throw new IllegalArgumentException("unknown timer " + timerId + " on node " + id);
        }
    }

    /**
     * A leader appends the command to its log and starts replicating it (§5.3). Returns the
     * new entry's index, or -1 when this node is not the leader.
     */
    public long propose(long now, Command command) {
        this.nowMicros = now;
        if (role != Role.LEADER || transfer.active()) {
            // §3.10: during a transfer the leader accepts no new entries, so the target can catch up.
            handOver();
            return -1;
        }
        long index = appendLocally(command);
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            if (peer != id) {
                sendAppend(peer, false);
            }
        }
        maybeAdvanceCommit();
        handOver();
        return index;
    }

    /**
     * Dissertation §3.10, leadership transfer: the leader stops accepting proposals, brings
     * {@code target}'s log up to date, then sends it {@link TimeoutNow}, on which it campaigns at
     * once. If no new leader shows up within the maximum election timeout, the transfer aborts
     * and proposals resume. Returns false (and changes nothing) unless this node leads and
     * {@code target} is another server, with no transfer under way.
     */
    public boolean transferLeadership(long now, int target) {
        this.nowMicros = now;
        boolean accepted = role == Role.LEADER && target != id && target >= 0 && target < config.clusterSize() && !transfer.active();
        if (accepted) {
            transfer.start(target, nowMicros + config.electionTimeoutMaxMicros());
            sendTimeoutNowOrCatchUp();
        }
        handOver();
        return accepted;
    }

    /** The server a transfer under way hands leadership to, or -1: a host sends clients there meanwhile. */
    public int transferTarget() {
        return role == Role.LEADER ? transfer.target() : LeadershipTransfer.NONE;
    }

    /** §3.10: TimeoutNow only once the target's log matches ours, else more entries first. */
    private void sendTimeoutNowOrCatchUp() {
        int target = transfer.target();
        if (transfer.timeoutNowSent()) {
            return;
        }
        if (progress[target].matchIndex() == log.lastIndex()) {
            out.send(target, new TimeoutNow(currentTerm, id));
            transfer.markTimeoutNowSent();
            // The target will campaign past every follower's lease: this leader's own lease ends now.
            reads.endLease();
        } else {
            sendAppend(target, false);
        }
    }

    /**
     * A client's read (a Get) answered without the log (dissertation §6.4), for hosts whose
     * {@link RaftConfig#readMode()} is not {@link ReadMode#LOG}. The leader records its commit
     * index as the read index (once an entry of its term is committed: the no-op of §8), and the
     * read waits for a round of heartbeats acknowledged by a majority, or, with a lease, for
     * nothing while the lease lasts (§6.4.1). When it may be answered, {@link Effects#readReady(int)}
     * names it, after the entries through its index were handed out to apply. Returns false when
     * this node is not the leader (or too many reads wait): the host sends the client away.
     */
    public boolean read(long now, long readId) {
        this.nowMicros = now;
        if (role != Role.LEADER || reads.full()) {
            handOver();
            return false;
        }
        if (committedInOwnTerm()) {
            reads.add(readId, commitIndex, roundNeeded() ? reads.nextRound() : 0);
            maybeStartReadRound();
        } else {
            // §6.4 step 1: the read index is known only once the leader has committed an entry of its term.
            reads.add(readId, ReadTracker.NO_INDEX, 0);
        }
        handOver();
        return true;
    }

    /** Whether a read recorded now waits for a round: always for ReadIndex, outside the lease for lease reads. */
    private boolean roundNeeded() {
        if (!rules.confirmsLeadershipBeforeRead()) {
            return false;
        }
        return config.readMode() != ReadMode.LEASE || !reads.inLease(nowMicros);
    }

    private boolean committedInOwnTerm() {
        return commitIndex > 0 && log.term(commitIndex) == currentTerm;
    }

    /** The lease a confirmed round grants: none but with lease reads, and none once a transfer's TimeoutNow went out. */
    private long leaseMicros() {
        return config.readMode() == ReadMode.LEASE && !transfer.timeoutNowSent() ? rules.leaseDurationMicros(config) : 0;
    }

    /** Starts a round if a read waits for one and none is in flight (one round at a time batches the reads behind it). */
    private void maybeStartReadRound() {
        if (reads.roundWanted() && !reads.roundInFlight()) {
            startReadRound();
        }
    }

    /**
     * At a heartbeat: a round still unconfirmed may have lost its messages, so a new one
     * supersedes it. With lease reads every heartbeat starts a round, once the leader's term has
     * a committed entry: the lease is the heartbeats acknowledged (§6.4.1), so a leader that keeps
     * a majority keeps its lease and reads never wait.
     */
    private void retryReadRound() {
        boolean renewLease = leaseMicros() > 0 && committedInOwnTerm();
        if (renewLease || reads.roundInFlight() || reads.roundWanted()) {
            startReadRound();
        }
    }

    private void startReadRound() {
        long round = reads.startRound(nowMicros);
        ConfirmLeadership confirm = new ConfirmLeadership(currentTerm, id, round);
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            if (peer != id) {
                out.send(peer, confirm);
            }
        }
        reads.confirmAlone(leaseMicros());
    }

    /**
     * Completes the input's {@link Effects} with what only its end knows: the hard state to
     * store (as the rules record it) and the entries that became committed, read from the log
     * as it stands. The log's own changes were written as they happened.
     */
    private void handOver() {
        if (hardStateChanged) {
            out.persistHardState(rules.durableHardState(currentTerm, votedFor));
            hardStateChanged = false;
        }
        // A log cut below commitIndex (possible only under rules that break §5.4) hands out
        // nothing until the commit index passes the entries handed out before, as the host
        // applies each index once.
        long committed = Math.min(commitIndex, log.lastIndex());
        while (handedOutForApplyIndex < committed) {
            handedOutForApplyIndex++;
            out.committed(log.entry(handedOutForApplyIndex));
        }
        if (role == Role.LEADER && !reads.isEmpty()) {
            // The host applies what was handed out before it answers reads, so this is its lastApplied (§6.4 step 4).
            reads.release(handedOutForApplyIndex, out::readReady);
        }
    }

    // ---- per-role handlers -----------------------------------------------------------

    private void stepFollower(int from, RaftMessage message) {
        if (message instanceof AppendEntries append) {
            handleAppendEntries(from, append);
        } else if (message instanceof RequestVote request) {
            handleRequestVote(from, request);
        } else if (message instanceof ConfirmLeadership confirm) {
            handleConfirmLeadership(from, confirm);
        } else if (message instanceof TimeoutNow) {
            // §3.10: the leader handed over; campaign now, with no pre-vote and past every lease (etcd's campaignTransfer).
            becomeCandidate(true);
        }
        // Replies reaching a follower are answers to a role it no longer holds: ignored.
    }

    private void stepCandidate(int from, RaftMessage message) {
        if (message instanceof AppendEntries append) {
            if (!rules.convertsToFollowerOnAppend(role)) {
                return;
            }
            // §5.2: "If AppendEntries RPC received from new leader: convert to follower".
            becomeFollower(currentTerm, from);
            handleAppendEntries(from, append);
        } else if (message instanceof ConfirmLeadership confirm) {
            if (!rules.convertsToFollowerOnAppend(role)) {
                return;
            }
            // The leader of our term speaks: as for its AppendEntries (§5.2), convert to follower.
            becomeFollower(currentTerm, from);
            handleConfirmLeadership(from, confirm);
        } else if (message instanceof RequestVote request) {
            handleRequestVote(from, request);
        } else if (message instanceof RequestVoteReply reply && role == Role.CANDIDATE && !reply.preVote()) {
            if (reply.voteGranted() && countVote(from) >= config.majority()) {
                becomeLeader();
            }
        }
    }

    private void stepLeader(int from, RaftMessage message) {
        if (message instanceof AppendEntriesReply reply) {
            progress[from].markActive();
            handleAppendEntriesReply(from, reply);
        } else if (message instanceof RequestVote request) {
            handleRequestVote(from, request);
        } else if (message instanceof RequestVoteReply) {
            progress[from].markActive();
        } else if (message instanceof ConfirmLeadershipReply reply) {
            progress[from].markActive();
            if (reads.acknowledge(from, reply.round(), leaseMicros())) {
                maybeStartReadRound();
            }
        }
        // An AppendEntries in our own term would mean two leaders in one term; Election
        // Safety makes that impossible, and the checker reports it if it ever happens.
    }

    // ---- elections (§5.2, §5.4.1, §9.6) -------------------------------------------------

    private void handleRequestVote(int from, RequestVote request) {
        if (request.preVote()) {
            // A pre-vote for our own term or an older one: we may already have voted; refuse.
            out.event(new RaftEvent.VoteRefused(id, request.candidateId(), request.term(), true, RaftEvent.VoteRefused.Reason.STALE_TERM));
            out.send(from, new RequestVoteReply(currentTerm, false, true));
            return;
        }
        boolean canVote = rules.mayVoteFor(votedFor, request.candidateId());
        boolean granted = canVote && rules.logPermitsVote(request.lastLogTerm(), request.lastLogIndex(), log.lastTerm(), log.lastIndex());
        if (granted) {
            votedFor = request.candidateId();
            hardStateChanged = true;
            if (rules.resetsElectionTimerOnVote()) {
                resetElectionTimer();
            }
            out.event(new RaftEvent.VoteGranted(id, request.candidateId(), currentTerm, false));
        } else {
            out.event(new RaftEvent.VoteRefused(id, request.candidateId(), currentTerm, false,
                    canVote ? RaftEvent.VoteRefused.Reason.LOG_NOT_UP_TO_DATE : RaftEvent.VoteRefused.Reason.ALREADY_VOTED));
        }
        out.send(from, new RequestVoteReply(currentTerm, granted, false));
    }

    private void stepPreVoteAtHigherTerm(int from, RaftMessage message) {
        if (message instanceof RequestVote request) {
            boolean granted = rules.logPermitsPreVote(request.lastLogTerm(), request.lastLogIndex(), log.lastTerm(), log.lastIndex());
            if (granted) {
                out.event(new RaftEvent.VoteGranted(id, request.candidateId(), request.term(), true));
            } else {
                out.event(new RaftEvent.VoteRefused(id, request.candidateId(), request.term(), true, RaftEvent.VoteRefused.Reason.LOG_NOT_UP_TO_DATE));
            }
            out.send(from, new RequestVoteReply(granted ? request.term() : currentTerm, granted, true));
        } else if (message instanceof RequestVoteReply reply && role == Role.PRE_CANDIDATE
                && reply.term() == currentTerm + 1 && countVote(from) >= config.majority()) {
            becomeCandidate();
        }
    }

    private boolean isPreVoteTraffic(RaftMessage message) {
        return message instanceof RequestVote request && request.preVote()
                || message instanceof RequestVoteReply reply && reply.preVote() && reply.voteGranted();
    }

    /** With CheckQuorum, a node that heard from a live leader recently believes that leader still leads. */
    private boolean inLease() {
        if (config.readMode() == ReadMode.LEASE
                && (role == Role.LEADER || nowMicros - lastHeardFromLeaderMicros < config.electionTimeoutMinMicros())) {
            // §6.4.1: a leader's lease counts on every server that acknowledged it neither voting
            // nor campaigning for the minimum election timeout after hearing from it (§4.2.3's rule,
            // here whether or not CheckQuorum is on), nor within it of its own start, since a
            // restart forgets when it last heard from a leader.
            return true;
        }
        if (!config.checkQuorum()) {
            return false;
        }
        if (role == Role.LEADER) {
            return true;
        }
        return leaderId != NO_LEADER && nowMicros - lastHeardFromLeaderMicros < config.electionTimeoutMinMicros();
    }

    private int countVote(int from) {
        if (!votesGranted[from]) {
            votesGranted[from] = true;
            votesGrantedCount++;
        }
        return votesGrantedCount;
    }

    private void resetVotes() {
        Arrays.fill(votesGranted, false);
        votesGrantedCount = 0;
        countVote(id);
    }

    /**
     * A round for reads from the leader of our term (§6.4): word from the leader, as a heartbeat
     * is, so the election timer restarts and, with lease reads, votes are refused for the
     * minimum election timeout from now; the acknowledgement is what the leader counts.
     */
    private void handleConfirmLeadership(int from, ConfirmLeadership confirm) {
        leaderId = from;
        lastHeardFromLeaderMicros = nowMicros;
        resetElectionTimer();
        out.send(from, new ConfirmLeadershipReply(currentTerm, confirm.round()));
    }

    // ---- log replication, follower side (§5.3) ----------------------------------------

    private void handleAppendEntries(int from, AppendEntries append) {
        leaderId = from;
        lastHeardFromLeaderMicros = nowMicros;
        resetElectionTimer();
        long prevIndex = append.prevLogIndex();
        if (prevIndex > log.lastIndex()) {
            out.send(from, AppendEntriesReply.rejected(currentTerm, prevIndex, 0, log.lastIndex() + 1, log.lastIndex()));
            return;
        }
        if (!rules.logMatches(log.term(prevIndex), append.prevLogTerm())) {
            long conflictTerm = log.term(prevIndex);
            out.send(from, AppendEntriesReply.rejected(currentTerm, prevIndex, conflictTerm,
                    log.firstIndexOfTerm(conflictTerm, prevIndex), log.lastIndex()));
            return;
        }
        long index = prevIndex;
        long firstAppended = -1;
        for (LogEntry entry : append.entries()) {
            index++;
            if (index <= log.lastIndex()) {
                if (rules.keepsExistingEntry(log.term(index), entry.term())) {
                    // Already have it. Never truncate on a match: a stale or duplicated request
                    // must not remove entries that a later request appended (Figure 2, step 3).
                    continue;
                }
                // Committed entries are never removed (§5.4): a leader that disagrees with one is a
                // safety violation elsewhere, and this node must not hide it by deleting the entry.
                assert index > commitIndex || !rules.guaranteesCommittedEntriesStay()
                        : "node " + id + " would truncate from " + index + " at or below its commit index " + commitIndex;
                long previousLast = log.lastIndex();
                log.truncateFrom(index);
                out.logTruncatedFrom(index);
                out.event(new RaftEvent.LogTruncated(id, index, previousLast));
            }
            log.append(entry);
            out.logAppended(entry);
            if (firstAppended < 0) {
                firstAppended = index;
            }
        }
        if (firstAppended > 0 && out.recordingEvents()) {
            reportAppended(firstAppended, log.lastIndex());
        }
        long lastNewIndex = append.lastIndex();
        if (append.leaderCommit() > commitIndex) {
            // Figure 2, step 5: commitIndex = min(leaderCommit, index of last new entry).
            advanceCommit(Math.min(append.leaderCommit(), lastNewIndex));
        }
        out.send(from, AppendEntriesReply.accepted(currentTerm, lastNewIndex));
    }

    // ---- log replication, leader side (§5.3, §5.4.2) ------------------------------------

    private long appendLocally(Command command) {
        LogEntry entry = new LogEntry(currentTerm, log.lastIndex() + 1, command);
        log.append(entry);
        out.logAppended(entry);
        if (out.recordingEvents()) {
            reportAppended(entry.index(), entry.index());
        }
        return entry.index();
    }

    /** For traces only: the terms of entries {@code fromIndex..toIndex}, just appended. */
    private void reportAppended(long fromIndex, long toIndex) {
        Long[] terms = new Long[(int) (toIndex - fromIndex + 1)];
        for (long index = fromIndex; index <= toIndex; index++) {
            terms[(int) (index - fromIndex)] = log.term(index);
        }
        out.event(new RaftEvent.LogAppended(id, fromIndex, toIndex, List.of(terms)));
    }

    private void heartbeat() {
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            if (peer == id) {
                continue;
            }
            if (progress[peer].heartbeatTick()) {
                // Nothing acknowledged for a whole heartbeat with appends out: assume they were
                // lost and find the match point again.
                progress[peer].becomeProbe(progress[peer].matchIndex() + 1);
                reportProgress(peer);
            }
            sendAppend(peer, true);
        }
        out.setTimer(RaftTimers.HEARTBEAT, config.heartbeatIntervalMicros());
    }

    /**
     * Sends what the follower needs next. In PROBE, one append from nextIndex at a time; in
     * REPLICATE, the unsent entries while the in-flight window has room. A heartbeat always
     * sends something, so followers hear from the leader and learn the commit index.
     */
    private void sendAppend(int peer, boolean heartbeat) {
        Progress p = progress[peer];
        long last = log.lastIndex();
        if (p.state() == ReplicationState.PROBE) {
            if (!p.canSendProbe() && !heartbeat) {
                return;
            }
            long from = p.nextIndex();
            long to = Math.min(last, from + config.maxEntriesPerAppend() - 1);
            sendEntries(peer, from, to);
            p.probeSent();
            return;
        }
        if (p.nextIndex() <= last && !p.inflightFull()) {
            long from = p.nextIndex();
            long to = Math.min(last, from + config.maxEntriesPerAppend() - 1);
            sendEntries(peer, from, to);
            p.sentReplicate(to);
        } else if (heartbeat) {
            // An empty AppendEntries anchored at matchIndex always passes the consistency
            // check and carries the commit index through min(leaderCommit, matchIndex).
            sendEntries(peer, p.matchIndex() + 1, p.matchIndex());
        }
    }

    private void sendEntries(int peer, long fromIndex, long toIndex) {
        assert progressInvariantHolds(peer) : "node " + id + " progress of " + peer + " broke 0 <= match < next <= last + 1: "
                + progress[peer] + " last=" + log.lastIndex();
        long prevIndex = fromIndex - 1;
        out.send(peer, new AppendEntries(currentTerm, id, prevIndex, log.term(prevIndex), log.slice(fromIndex, toIndex), commitIndex));
    }

    private void handleAppendEntriesReply(int from, AppendEntriesReply reply) {
        Progress p = progress[from];
        if (reply.success()) {
            // In one term the leader's log only grows, so every index it sent is at most lastIndex.
            if (reply.matchIndex() <= log.lastIndex() && p.acknowledge(reply.matchIndex())) {
                reportProgress(from);
                maybeAdvanceCommit();
            }
            if (transfer.active() && from == transfer.target()) {
                sendTimeoutNowOrCatchUp();
            }
            sendAppend(from, false);
            return;
        }
        if (!rules.rejectsWhatWasSent(p, reply.rejectedPrevLogIndex())) {
            // A rejection of a request we have already moved past (reordered or duplicated), or of
            // one sent in an earlier leadership: a follower answers a stale-term request with its
            // own term (§5.1), which may be ours now, so the term alone does not make it current.
            return;
        }
        p.becomeProbe(backtrack(reply));
        reportProgress(from);
        sendAppend(from, false);
    }

    /** Where to probe next after a rejection: one entry back (the paper), or a term at a time with the hint. */
    private long backtrack(AppendEntriesReply reply) {
        long rejected = reply.rejectedPrevLogIndex();
        if (!config.fastBacktrack()) {
            return rejected;
        }
        long next;
        if (reply.conflictTerm() == 0) {
            next = reply.conflictIndex();
        } else {
            long lastOfTerm = log.lastIndexAtOrBelowTerm(reply.conflictTerm(), rejected);
            next = log.term(lastOfTerm) == reply.conflictTerm() ? lastOfTerm + 1 : reply.conflictIndex();
        }
        return Math.max(1, Math.min(next, rejected));
    }

    /**
     * §5.3 and §5.4.2 (Figure 8): the leader commits index N if a majority has matchIndex >= N
     * and log[N].term == currentTerm. Entries of earlier terms are never committed by
     * counting replicas; they commit with the first entry of the leader's own term.
     */
    private void maybeAdvanceCommit() {
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            matchScratch[peer] = peer == id ? log.lastIndex() : progress[peer].matchIndex();
        }
        Arrays.sort(matchScratch);
        long majorityMatch = matchScratch[config.clusterSize() - config.majority()];
        if (majorityMatch > commitIndex && rules.commitsByCounting(log, majorityMatch, currentTerm)) {
            advanceCommit(majorityMatch);
        }
    }

    private void advanceCommit(long newCommitIndex) {
        assert newCommitIndex <= log.lastIndex() : "node " + id + " would commit " + newCommitIndex + " beyond its last index " + log.lastIndex();
        if (newCommitIndex > commitIndex) {
            out.event(new RaftEvent.CommitAdvanced(id, commitIndex, newCommitIndex));
            boolean firstOfTerm = role == Role.LEADER && !committedInOwnTerm();
            commitIndex = newCommitIndex;
            if (firstOfTerm && committedInOwnTerm() && !reads.isEmpty()) {
                // §6.4 step 1: reads that came before the leader's no-op committed get the read index now.
                reads.assignReadIndex(commitIndex, roundNeeded() ? reads.nextRound() : 0);
                maybeStartReadRound();
            }
        }
    }

    private void checkQuorum() {
        int active = 1;
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            if (peer != id && progress[peer].takeRecentlyActive()) {
                active++;
            }
        }
        if (active < config.majority()) {
            becomeFollower(currentTerm, NO_LEADER);
        } else {
            out.setTimer(RaftTimers.CHECK_QUORUM, config.electionTimeoutMinMicros());
        }
    }

    private void rejectStale(int from, RaftMessage message) {
        // Answer stale requests with our term so their sender steps down (§5.1); drop stale replies.
        if (message instanceof AppendEntries append) {
            out.send(from, AppendEntriesReply.rejected(currentTerm, append.prevLogIndex(), 0, 0, log.lastIndex()));
        } else if (message instanceof RequestVote request) {
            out.event(new RaftEvent.VoteRefused(id, request.candidateId(), request.term(), request.preVote(), RaftEvent.VoteRefused.Reason.STALE_TERM));
            out.send(from, new RequestVoteReply(currentTerm, false, request.preVote()));
        } else if (message instanceof ConfirmLeadership confirm) {
            out.send(from, new ConfirmLeadershipReply(currentTerm, confirm.round()));
        }
    }

    /** Progress's invariant, against this leader's log: 0 <= matchIndex < nextIndex <= lastIndex + 1. */
    private boolean progressInvariantHolds(int peer) {
        Progress p = progress[peer];
        return p != null && 0 <= p.matchIndex() && p.matchIndex() < p.nextIndex() && p.nextIndex() <= log.lastIndex() + 1;
    }

    private void reportProgress(int peer) {
        if (out.recordingEvents()) {
            Progress p = progress[peer];
            out.event(new RaftEvent.ProgressChanged(id, peer, p.nextIndex(), p.matchIndex(), p.state()));
        }
    }

    // ---- role transitions ---------------------------------------------------------------

    private void becomeFollower(long term, int leader) {
        Role previous = role;
        long previousTerm = currentTerm;
        if (term > currentTerm) {
            currentTerm = term;
            votedFor = HardState.NO_VOTE;
            hardStateChanged = true;
        } else if (term < currentTerm) {
            throw new IllegalStateException("node " + id + " cannot follow term " + term + " below its term " + currentTerm);
        }
        if (previous == Role.LEADER) {
            reads.reset(); // the host sends its waiting readers away; they retry at the new leader
            transfer.clear();
        }
        role = Role.FOLLOWER;
        leaderId = leader;
        if (leader != NO_LEADER) {
            lastHeardFromLeaderMicros = nowMicros;
        }
        out.cancelTimer(RaftTimers.HEARTBEAT);
        out.cancelTimer(RaftTimers.CHECK_QUORUM);
        if (previous == Role.LEADER || config.resetElectionTimerOnHigherTerm()) {
            // A leader had no election timer running. Anyone else keeps the timer it has:
            // Figure 2 restarts it only for an AppendEntries from the current leader (the caller
            // handles that next) or a granted vote, so a higher term from a candidate that cannot
            // win does not hold back the server that could.
            resetElectionTimer();
        }
        if (previous == role && previousTerm != currentTerm) {
            // A follower that only moves to a later term: reported too, so a trace knows every term.
            out.event(new RaftEvent.RoleChanged(id, previous, role, currentTerm));
        } else {
            roleChanged(previous);
        }
    }

    private void becomePreCandidate() {
        if (role == Role.LEADER) {
            throw new IllegalStateException("a leader cannot become a pre-candidate (node " + id + ")");
        }
        Role previous = role;
        role = Role.PRE_CANDIDATE;
        leaderId = NO_LEADER;
        resetVotes();
        resetElectionTimer();
        roleChanged(previous);
        if (votesGrantedCount >= config.majority()) {
            becomeCandidate();
            return;
        }
        broadcastVoteRequest(currentTerm + 1, true, false);
    }

    private void becomeCandidate() {
        becomeCandidate(false);
    }

    /** @param leadershipTransfer the campaign a leader asked for with TimeoutNow (§3.10): its votes pass every lease */
    private void becomeCandidate(boolean leadershipTransfer) {
        if (role == Role.LEADER) {
            throw new IllegalStateException("a leader cannot become a candidate (node " + id + ")");
        }
        Role previous = role;
        role = Role.CANDIDATE;
        currentTerm++;
        votedFor = id;
        leaderId = NO_LEADER;
        hardStateChanged = true;
        resetVotes();
        resetElectionTimer();
        roleChanged(previous);
        if (votesGrantedCount >= config.majority()) {
            becomeLeader();
            return;
        }
        broadcastVoteRequest(currentTerm, false, leadershipTransfer);
    }

    private void becomeLeader() {
        if (role != Role.CANDIDATE) {
            throw new IllegalStateException("only a candidate can become leader (node " + id + " is " + role + ")");
        }
        Role previous = role;
        role = Role.LEADER;
        leaderId = id;
        reads.reset();
        transfer.clear();
        out.cancelTimer(RaftTimers.ELECTION);
        long next = log.lastIndex() + 1;
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            progress[peer] = peer == id ? null : new Progress(next, config.maxInflightAppends());
            if (peer != id) {
                progress[peer].markActive();
            }
        }
        roleChanged(previous);
        // §8: a blank no-op entry at the start of the term commits everything before it.
        appendLocally(Command.Noop.INSTANCE);
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            if (peer != id) {
                reportProgress(peer);
                sendAppend(peer, true);
            }
        }
        maybeAdvanceCommit();
        out.setTimer(RaftTimers.HEARTBEAT, config.heartbeatIntervalMicros());
        if (config.checkQuorum()) {
            out.setTimer(RaftTimers.CHECK_QUORUM, config.electionTimeoutMinMicros());
        }
    }

    private void broadcastVoteRequest(long term, boolean preVote, boolean leadershipTransfer) {
        RequestVote request = new RequestVote(term, id, log.lastIndex(), log.lastTerm(), preVote, leadershipTransfer);
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            if (peer != id) {
                out.send(peer, request);
            }
        }
    }

    private void roleChanged(Role previous) {
        if (previous != role || role == Role.CANDIDATE || role == Role.PRE_CANDIDATE) {
            out.event(new RaftEvent.RoleChanged(id, previous, role, currentTerm));
        }
    }

    /** With lease reads, a server refuses votes for the minimum election timeout after it starts (see {@link #inLease}). */
    private void startLeaseGuard() {
        if (config.readMode() == ReadMode.LEASE) {
            lastHeardFromLeaderMicros = nowMicros;
        }
    }

    /** §5.2: a fresh timeout at every reset, drawn as the rules say (uniformly from [min, max)). */
    private void resetElectionTimer() {
        out.setTimer(RaftTimers.ELECTION, rules.electionTimeoutMicros(config, random));
    }

    // ---- read access for the host and the checks ---------------------------------------

    public int id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public long currentTerm() {
        return currentTerm;
    }

    public int votedFor() {
        return votedFor;
    }

    public HardState hardState() {
        return new HardState(currentTerm, votedFor);
    }

    /** The leader this node believes in, or -1. */
    public int leaderId() {
        return leaderId;
    }

    public long commitIndex() {
        return commitIndex;
    }

    public RaftLog log() {
        return log;
    }

    /** The leader's view of {@code peer}, or null when this node is not leader. */
    public Progress progress(int peer) {
        return role == Role.LEADER ? progress[peer] : null;
    }

    public RaftConfig config() {
        return config;
    }

    public RaftRules rules() {
        return rules;
    }
}

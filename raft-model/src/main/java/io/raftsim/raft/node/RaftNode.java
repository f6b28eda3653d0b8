package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.ReadMode;
import io.raftsim.harness.event.RaftEvent;
import io.raftsim.harness.spi.JointMembershipChange;
import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.harness.spi.ReplicationState;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.Configuration;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.log.RaftLog;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.ConfirmLeadership;
import io.raftsim.raft.message.ConfirmLeadershipReply;
import io.raftsim.raft.message.InstallSnapshot;
import io.raftsim.raft.message.InstallSnapshotReply;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import io.raftsim.raft.message.TimeoutNow;
import io.raftsim.raft.snapshot.Snapshot;
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

    // Membership (dissertation chapter 4): a server uses the latest configuration in its log,
    // committed or not, from the moment the entry is appended (§4.1).
    private final Configuration initialConfiguration;
    private Configuration configuration;
    /** The index of the entry holding {@link #configuration}; 0 for the initial configuration. */
    private long configurationIndex;
    /** The configuration before {@link #configuration}: a leader still tells its removed members of their removal. */
    private Configuration previousConfiguration;

    // Leader-only state, reinitialised on election (Figure 2: nextIndex, matchIndex).
    private final Progress[] progress;
    private final long[] matchScratch;
    private final boolean[] checkQuorumScratch;
    /** Reads answered without the log (§6.4), with the rounds that confirm them; empty unless leading. */
    private final ReadTracker reads;
    /** A transfer of leadership this leader started (§3.10); inactive otherwise. */
    private final LeadershipTransfer transfer = new LeadershipTransfer();

    // What the current input changed, handed to Effects as data when it returns.
    /** currentTerm or votedFor changed during this input. */
    private boolean hardStateChanged;
    /** The highest index handed out in {@link Effects#entriesToApply()}; the host applies them all. */
    private long handedOutForApplyIndex;
    /** The latest snapshot (§7), taken here or installed from a leader; null before the first. What a leader sends to a follower it compacted past. */
    private Snapshot snapshot;

    /**
     * Restores a node from what its previous incarnation persisted (empty on first start).
     * Volatile state starts fresh: follower, no leader known, commit index 0.
     */
    public RaftNode(int id, RaftConfig config, HardState hardState, List<LogEntry> persistedLog,
                    RandomStream random, Effects out) {
        this(id, config, hardState, persistedLog, random, out, RaftRules.PAPER);
    }

    /** As above, following {@code rules}: {@link RaftRules#PAPER} in every real run; every server slot a voter. */
    public RaftNode(int id, RaftConfig config, HardState hardState, List<LogEntry> persistedLog,
                    RandomStream random, Effects out, RaftRules rules) {
        this(id, config, Configuration.allOf(config.clusterSize()), hardState, null, persistedLog, random, out, rules);
    }

    /**
     * Restores a node from its stored snapshot (null for none) and the entries persisted after it
     * (§7), in a cluster whose initial configuration is {@code initialConfiguration}: the server
     * slots in it are members before any configuration entry; the others are spare, and a spare
     * server starts empty and knows it is not a voter. The log starts after the snapshot's last
     * included entry, and everything through it counts as committed and applied, since a snapshot
     * holds only committed entries and the host restores its state machine from it; the snapshot
     * also carries the configuration in force at its last entry (dissertation §5.1), which the
     * compacted log no longer holds.
     */
    public RaftNode(int id, RaftConfig config, Configuration initialConfiguration, HardState hardState, Snapshot storedSnapshot,
                    List<LogEntry> persistedLog,
                    RandomStream random, Effects out, RaftRules rules) {
        this.id = id;
        this.config = config;
        this.random = random;
        this.out = out;
        this.currentTerm = hardState.currentTerm();
        this.votedFor = hardState.votedFor();
        this.log = new RaftLog(id);
        if (storedSnapshot != null) {
            log.resetTo(storedSnapshot.lastIncludedIndex(), storedSnapshot.lastIncludedTerm());
            this.snapshot = storedSnapshot;
            this.commitIndex = storedSnapshot.lastIncludedIndex();
            this.handedOutForApplyIndex = storedSnapshot.lastIncludedIndex();
        }
        log.restore(persistedLog);
        this.initialConfiguration = initialConfiguration;
        recomputeConfiguration();
        this.votesGranted = new boolean[config.clusterSize()];
        this.progress = new Progress[config.clusterSize()];
        this.matchScratch = new long[config.clusterSize()];
        this.checkQuorumScratch = new boolean[config.clusterSize()];
        this.reads = new ReadTracker(id, config.clusterSize());
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
            becomeFollower(message.term(), message instanceof AppendEntries || message instanceof InstallSnapshot
                    || message instanceof ConfirmLeadership ? from : NO_LEADER);
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
                    if (!mayCampaign()) {
                        // §4.2.1: learners, spare and removed servers never campaign. The timer runs
                        // on, so a learner promoted by an entry it has not received yet still can.
                        resetElectionTimer();
                    } else if (config.preVote() || !configuration.isVoter(id)) {
                        // A server campaigning only because its removal is uncommitted asks first
                        // (§9.6), so it disrupts no leader the new configuration follows (§4.2.3).
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
                        maybeLeaveJoint(); // the leave a transfer held back (§4.3)
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
        replicateNewEntry();
        handOver();
        return index;
    }

    private void replicateNewEntry() {
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            if (replicatesTo(peer)) {
                sendAppend(peer, false);
            }
        }
        maybeAdvanceCommit();
    }

    /**
     * A leader asks for one single-server membership change (dissertation §4.1): it appends
     * the new configuration, which it uses at once, and replicates it. At most one change is
     * uncommitted at a time, and, by the 2015 fix, none starts before the leader has committed
     * an entry of its own term.
     */
    public MembershipChange.Answer changeMembership(long now, MembershipChange change) {
        return proposeConfiguration(now, current -> current.after(change));
    }

    /**
     * A leader asks for a change of several servers at once by joint consensus (dissertation
     * §4.3): it appends C_old,new, which it uses at once, so that from now on elections and
     * commitment need separate majorities of the old and the new voters; once that entry commits
     * it appends C_new by itself ({@link #maybeLeaveJoint}). It obeys the rules of a single-server
     * change: at most one change under way, which here lasts until C_new is appended, and none
     * before the leader committed an entry of its own term. The 2015 problem cannot happen with joint
     * configurations, whose quorums always overlap both neighbours', but etcd holds back a new
     * leader's changes the same way, and one rule for both kinds is one rule fewer to reason about.
     */
    public MembershipChange.Answer changeMembership(long now, JointMembershipChange change) {
        return proposeConfiguration(now, current -> current.afterJoint(change));
    }

    /**
     * The rules both kinds of change obey: only a leader, one change at a time (until C_new is
     * appended), none before an entry of the leader's term is committed (the 2015 fix); then the
     * new configuration is appended, used at once (§4.1) and replicated. {@code next} gives null
     * when the change does not apply to the configuration in use.
     */
    private MembershipChange.Answer proposeConfiguration(long now, java.util.function.UnaryOperator<Configuration> next) {
        this.nowMicros = now;
        if (role != Role.LEADER) {
            return MembershipChange.Answer.NOT_LEADER;
        }
        if (configurationIndex > commitIndex || configuration.isJoint()) {
            return MembershipChange.Answer.CHANGE_PENDING;
        }
        if (!rules.mayChangeMembership(log.term(commitIndex) == currentTerm)) {
            return MembershipChange.Answer.NO_COMMIT_IN_TERM;
        }
        Configuration proposed = next.apply(configuration);
        if (proposed == null) {
            return MembershipChange.Answer.NOT_APPLICABLE;
        }
        appendLocally(new Command.ConfigChange(proposed));
        replicateNewEntry();
        handOver();
        return MembershipChange.Answer.ACCEPTED;
    }

    /**
     * Dissertation §3.10, leadership transfer: the leader stops accepting proposals, brings
     * {@code target}'s log up to date, then sends it {@link TimeoutNow}, on which it campaigns at
     * once. If no new leader shows up within the maximum election timeout, the transfer aborts
     * and proposals resume. Returns false (and changes nothing) unless this node leads and
     * {@code target} is another server, a voter, with no transfer under way.
     */
    public boolean transferLeadership(long now, int target) {
        this.nowMicros = now;
        // Only a voter of the configuration in use can win the election TimeoutNow starts (§4.2.1: learners never campaign).
        boolean accepted = role == Role.LEADER && target != id && target >= 0 && target < config.clusterSize() && configuration.isVoter(target)
                && !transfer.active();
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
            if (replicatesTo(peer)) {
                out.send(peer, confirm);
            }
        }
        reads.confirmAlone(leaseMicros(), configuration);
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
        } else if (message instanceof InstallSnapshot install) {
            handleInstallSnapshot(from, install);
        } else if (message instanceof RequestVote request) {
            handleRequestVote(from, request);
        } else if (message instanceof ConfirmLeadership confirm) {
            handleConfirmLeadership(from, confirm);
        } else if (message instanceof TimeoutNow) {
            // §3.10: the leader handed over; campaign now, with no pre-vote and past every lease (etcd's
            // campaignTransfer). Not a voter in the configuration this server uses (§4.2.1): it cannot win, so it stays put.
            if (configuration.isVoter(id)) {
                becomeCandidate(true);
            }
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
        } else if (message instanceof InstallSnapshot install) {
            // §5.2 as for AppendEntries: only the leader of our term sends a snapshot.
            if (!rules.convertsToFollowerOnAppend(role)) {
                return;
            }
            becomeFollower(currentTerm, from);
            handleInstallSnapshot(from, install);
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
            if (reply.voteGranted() && countVote(from)) {
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
        } else if (message instanceof InstallSnapshotReply reply) {
            progress[from].markActive();
            handleInstallSnapshotReply(from, reply);
        } else if (message instanceof ConfirmLeadershipReply reply) {
            progress[from].markActive();
            if (reads.acknowledge(from, reply.round(), leaseMicros(), configuration)) {
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
                && reply.term() == currentTerm + 1 && countVote(from)) {
            becomeCandidate();
        }
    }

    private boolean isPreVoteTraffic(RaftMessage message) {
        return message instanceof RequestVote request && request.preVote()
                || message instanceof RequestVoteReply reply && reply.preVote() && reply.voteGranted();
    }

    /**
     * With CheckQuorum, or once membership changes are in use, a node that heard from a live leader
     * recently believes that leader still leads. The dissertation gives §4.2.3's rule for the
     * second case: a removed server that never learns of its removal (it was down when the change
     * committed, so no leader sends to it) times out and campaigns forever, and each higher term
     * would depose the leader (random sweep, seed 6036: the removal it needed never committed).
     * Clusters whose configuration never changes keep the paper's plain rules.
     */
    private boolean inLease() {
        if (config.readMode() == ReadMode.LEASE
                && (role == Role.LEADER || nowMicros - lastHeardFromLeaderMicros < config.electionTimeoutMinMicros())) {
            // §6.4.1: a leader's lease counts on every server that acknowledged it neither voting
            // nor campaigning for the minimum election timeout after hearing from it (§4.2.3's rule,
            // here whether or not CheckQuorum is on), nor within it of its own start, since a
            // restart forgets when it last heard from a leader.
            return true;
        }
        if (!config.checkQuorum() && !membershipInUse()) {
            return false;
        }
        if (role == Role.LEADER) {
            return true;
        }
        return leaderId != NO_LEADER && nowMicros - lastHeardFromLeaderMicros < config.electionTimeoutMinMicros();
    }

    /** Records a granted vote and returns whether the votes now win (§5.2). */
    private boolean countVote(int from) {
        votesGranted[from] = true;
        return votesWin();
    }

    /**
     * Whether the votes granted make a quorum: a majority of the configuration's voters (§4.2.1:
     * learners count for nothing) and, while it is joint, a majority of the outgoing voters too
     * (§4.3: "separate majorities from both the old and new configurations").
     */
    private boolean votesWin() {
        if (countedVotes(configuration.voters()) < configuration.majority()) {
            return false;
        }
        return !configuration.isJoint() || countedVotes(configuration.outgoingVoters()) >= configuration.outgoingMajority();
    }

    /** The granted votes that count towards a majority of {@code voters}. */
    private int countedVotes(List<Integer> voters) {
        int counted = 0;
        for (int server = 0; server < votesGranted.length; server++) {
            if (votesGranted[server] && rules.countsVoteOf(voters.contains(server), configuration.isLearner(server))) {
                counted++;
            }
        }
        return counted;
    }

    private void resetVotes() {
        Arrays.fill(votesGranted, false);
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
        if (prevIndex < log.snapshotIndex()) {
            append = appendAfterSnapshot(from, append);
            if (append == null) {
                return;
            }
            prevIndex = append.prevLogIndex();
        }
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
        List<LogEntry> entries = append.entries();
        // Indexed, not for-each: this runs for every AppendEntries a follower takes, and the
        // iterator was a few percent of all the bytes a run allocates.
        for (int i = 0; i < entries.size(); i++) {
            LogEntry entry = entries.get(i);
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
                configurationTruncatedFrom(index);
                out.logTruncatedFrom(index);
                out.event(new RaftEvent.LogTruncated(id, index, previousLast));
            }
            log.append(entry);
            configurationAppended(entry);
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
        configurationAppended(entry);
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
            if (!replicatesTo(peer)) {
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
        if (p.nextIndex() <= log.snapshotIndex()) {
            sendSnapshot(peer, heartbeat);
            return;
        }
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
            // check and carries the commit index through min(leaderCommit, matchIndex). Below a
            // snapshot it is anchored at the snapshot's last entry, the first term the leader still knows.
            long anchor = Math.max(p.matchIndex(), log.snapshotIndex());
            sendEntries(peer, anchor + 1, anchor);
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
            if (role == Role.LEADER) {
                // A leader that removed itself stepped down as the change committed (§4.2.2).
                if (transfer.active() && from == transfer.target()) {
                    sendTimeoutNowOrCatchUp();
                }
                sendAppend(from, false);
            }
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
        if (!config.fastBacktrack() || rejected <= log.snapshotIndex()) {
            // At or below the snapshot the leader has no terms to search: the next send is the snapshot.
            return config.fastBacktrack() ? Math.max(1, rejected) : rejected;
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
        // Only the voters of the latest configuration count (§4.1); a leader removing itself
        // manages the cluster without counting itself until the change commits (§4.2.2).
        long majorityMatch = majorityMatch(configuration.voters(), configuration.majority());
        if (configuration.isJoint() && rules.commitNeedsOutgoingMajority()) {
            // §4.3: while joint, an entry commits only once stored by a majority of C_old as well.
            majorityMatch = Math.min(majorityMatch, majorityMatch(configuration.outgoingVoters(), configuration.outgoingMajority()));
        }
        if (majorityMatch > commitIndex && rules.commitsByCounting(log, majorityMatch, currentTerm)) {
            advanceCommit(majorityMatch);
        }
        if (!configuration.isVoter(id) && commitIndex >= configurationIndex) {
            // §4.2.2: a leader removed from the configuration steps down once the change commits;
            // §4.3: one left out of C_new, once C_new commits (it led on through C_old,new).
            becomeFollower(currentTerm, NO_LEADER);
            return;
        }
        maybeLeaveJoint();
    }

    /** The highest index {@code majority} of {@code voters} hold: the leader its whole log, the others their matchIndex. */
    private long majorityMatch(List<Integer> voters, int majority) {
        int count = voters.size();
        for (int i = 0; i < count; i++) {
            int peer = voters.get(i);
            matchScratch[i] = peer == id ? log.lastIndex() : progress[peer].matchIndex();
        }
        Arrays.sort(matchScratch, 0, count);
        return matchScratch[count - majority];
    }

    /**
     * §4.3: "Once C_old,new has been committed ... it is now safe for the leader to create a log
     * entry describing C_new and replicate it to the cluster." The leader appends C_new as soon as
     * it knows the joint entry committed (etcd's auto-leave), whoever appended that entry: a new
     * leader elected under C_old,new finishes the change. Like any change it waits for an entry of
     * the leader's own term to commit (the rule of {@link #changeMembership}).
     */
    private void maybeLeaveJoint() {
        if (role != Role.LEADER || !configuration.isJoint() || commitIndex < configurationIndex
                || !rules.mayChangeMembership(log.term(commitIndex) == currentTerm) || transfer.active()) {
            return;
        }
        appendLocally(new Command.ConfigChange(configuration.incoming()));
        replicateNewEntry();
    }

    private void advanceCommit(long newCommitIndex) {
        assert newCommitIndex <= log.lastIndex() : "node " + id + " would commit " + newCommitIndex + " beyond its last index " + log.lastIndex();
        if (newCommitIndex > commitIndex) {
            if (out.recordingEvents()) { // built only for a trace: commits advance on most steps
                out.event(new RaftEvent.CommitAdvanced(id, commitIndex, newCommitIndex));
            }
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
        // A quorum of the configuration in use, joint included (§4.3), heard from this leader
        // within the election timeout (§6.2); the leader counts itself where it is a voter.
        boolean[] active = checkQuorumScratch;
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            active[peer] = peer == id || progress[peer].takeRecentlyActive();
        }
        if (!configuration.isQuorum(active)) {
            becomeFollower(currentTerm, NO_LEADER);
        } else {
            out.setTimer(RaftTimers.CHECK_QUORUM, config.electionTimeoutMinMicros());
        }
    }

    private void rejectStale(int from, RaftMessage message) {
        // Answer stale requests with our term so their sender steps down (§5.1); drop stale replies.
        if (message instanceof AppendEntries append) {
            out.send(from, AppendEntriesReply.rejected(currentTerm, append.prevLogIndex(), 0, 0, log.lastIndex()));
        } else if (message instanceof InstallSnapshot) {
            // Figure 13, step 1: "Reply immediately if term < currentTerm"; index 0 acknowledges nothing.
            out.send(from, new InstallSnapshotReply(currentTerm, 0));
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

    // ---- membership (dissertation chapter 4) ------------------------------------------------

    /**
     * Whether a leader sends AppendEntries to {@code peer}: every other member of its latest
     * configuration, and a server that configuration removed until it has the entry that
     * removes it, so that it learns it is out and stops campaigning (§4.2.3).
     */
    private boolean replicatesTo(int peer) {
        if (peer == id) {
            return false;
        }
        return configuration.isMember(peer)
                || previousConfiguration.isMember(peer) && progress[peer] != null && progress[peer].matchIndex() < configurationIndex;
    }

    /**
     * A voter of the latest configuration campaigns; so does a server whose removal is still
     * uncommitted in its log while it was a voter before it. §4.2.2 lets a leader remove itself and
     * lead on until the change commits; deposed before that, it may hold the only log the remaining
     * voters can elect (they refuse each other as less up to date, §5.4.1), and if it never
     * campaigned no leader would ever be elected (found by the random sweep, seed 803). It counts
     * only the new configuration's votes, as every candidate does (§4.1), and always pre-votes
     * first: a removed follower the leader no longer heartbeats would otherwise depose it again
     * and again with higher terms (§4.2.3), so that the removal never commits (seed 6036).
     */
    private boolean mayCampaign() {
        return configuration.isVoter(id)
                || configurationIndex > commitIndex && previousConfiguration.isVoter(id);
    }

    /** Whether this server's configuration has changed or leaves slots out: a configuration entry, spare slots or learners. */
    private boolean membershipInUse() {
        return configurationIndex > 0 || configuration.voters().size() != config.clusterSize() || !configuration.learners().isEmpty();
    }

    /** A configuration entry takes effect as soon as it is in the log, committed or not (§4.1). */
    private void configurationAppended(LogEntry entry) {
        if (!(entry.command() instanceof Command.ConfigChange change)) {
            return;
        }
        Configuration before = configuration;
        previousConfiguration = before;
        configuration = change.configuration();
        configurationIndex = entry.index();
        if (role == Role.LEADER) {
            for (int peer = 0; peer < config.clusterSize(); peer++) {
                if (peer != id && configuration.isMember(peer) && !before.isMember(peer)) {
                    // A new member starts empty (§4.2.1): send the log from the start, in batches,
                    // rather than probe back from the end one entry per round trip.
                    progress[peer] = new Progress(1, config.maxInflightAppends());
                    progress[peer].markActive();
                    reportProgress(peer);
                }
            }
        }
        reportConfiguration(entry.index());
    }

    private void reportConfiguration(long index) {
        out.event(new RaftEvent.ConfigurationChanged(id, index, configuration.voters(), configuration.learners(), configuration.outgoingVoters()));
    }

    /** Entries from {@code index} on left the log: the configuration is the latest that remains (§4.1). */
    private void configurationTruncatedFrom(long index) {
        if (index <= configurationIndex) {
            recomputeConfiguration();
            reportConfiguration(configurationIndex);
        }
    }

    /** The latest configuration entry of the log and the one before it, or the initial configuration. */
    private void recomputeConfiguration() {
        configuration = null;
        previousConfiguration = null;
        configurationIndex = 0;
        // Entries through the snapshot are gone from the log: below its first entry, the snapshot's
        // configuration stands for them (dissertation §5.1).
        for (long index = log.lastIndex(); index >= log.firstIndex() && previousConfiguration == null; index--) {
            if (log.entry(index).command() instanceof Command.ConfigChange change) {
                if (configuration == null) {
                    configuration = change.configuration();
                    configurationIndex = index;
                } else {
                    previousConfiguration = change.configuration();
                }
            }
        }
        Configuration base = configurationBeforeLog();
        if (configuration == null) {
            configuration = base;
        }
        if (previousConfiguration == null) {
            previousConfiguration = configurationIndex == 0 ? configuration : base;
        }
    }

    /** The configuration in force before the log's first entry: the snapshot's, else the initial one. */
    private Configuration configurationBeforeLog() {
        return snapshot != null && snapshot.configuration() != null ? snapshot.configuration() : initialConfiguration;
    }

    /**
     * The configuration in force at {@code index} (the latest configuration entry at or before it),
     * for a snapshot through {@code index} to carry (dissertation §5.1): null when no entry changed
     * the initial configuration.
     */
    public Configuration configurationAt(long index) {
        for (long i = Math.min(index, log.lastIndex()); i >= log.firstIndex(); i--) {
            if (log.entry(i).command() instanceof Command.ConfigChange change) {
                return change.configuration();
            }
        }
        return snapshot != null ? snapshot.configuration() : null;
    }

    // ---- log compaction (§7, Figure 13) --------------------------------------------------

    /**
     * The host's state machine took {@code taken} (§7: "each server takes snapshots independently,
     * covering just the committed entries in its log"); the log drops the entries it covers, and
     * a leader sends it to followers that need them from now on.
     */
    public void snapshotTaken(long now, Snapshot taken) {
        this.nowMicros = now;
        long index = taken.lastIncludedIndex();
        assert index <= commitIndex || rules.snapshotThrough(commitIndex, commitIndex + 1) != commitIndex
                : "node " + id + " would snapshot through " + index + " beyond its commit index " + commitIndex;
        if (index <= log.snapshotIndex() || index > log.lastIndex() || log.term(index) != taken.lastIncludedTerm()) {
            throw new IllegalArgumentException("node " + id + " cannot compact log " + log.firstIndex() + ".." + log.lastIndex()
                    + " with " + taken);
        }
        log.compactThrough(index);
        snapshot = taken;
        handedOutForApplyIndex = Math.max(handedOutForApplyIndex, index);
        out.logCompacted(taken);
        out.event(new RaftEvent.SnapshotTaken(id, index, taken.lastIncludedTerm(), log.lastIndex() - index));
        handOver();
    }

    /** Figure 13, the receiver's steps 2 to 8 (sent whole: no offset, no done flag; see {@link InstallSnapshot}). */
    private void handleInstallSnapshot(int from, InstallSnapshot install) {
        leaderId = from;
        lastHeardFromLeaderMicros = nowMicros;
        resetElectionTimer();
        Snapshot offered = install.snapshot();
        long index = offered.lastIncludedIndex();
        if (index <= Math.max(commitIndex, log.snapshotIndex())) {
            // Everything it holds is committed here already (a stale or duplicated request): installing
            // it would move the state machine back. The prefix it covers matches the leader's (§5.4).
            out.send(from, new InstallSnapshotReply(currentTerm, index));
            return;
        }
        boolean retained = rules.retainsEntriesAfterSnapshot(log.contains(index, offered.lastIncludedTerm()));
        if (retained) {
            log.compactThrough(index);
        } else {
            if (log.lastIndex() > index && out.recordingEvents()) {
                out.event(new RaftEvent.LogTruncated(id, index + 1, log.lastIndex()));
            }
            log.resetTo(index, offered.lastIncludedTerm());
        }
        snapshot = offered;
        // The configuration may have come with the snapshot rather than with an entry (§5.1).
        Configuration before = configuration;
        recomputeConfiguration();
        if (!configuration.equals(before)) {
            reportConfiguration(configurationIndex);
        }
        out.snapshotInstalled(offered, !retained);
        out.event(new RaftEvent.SnapshotInstalled(id, from, index, offered.lastIncludedTerm(), retained));
        advanceCommit(index);
        handedOutForApplyIndex = Math.max(handedOutForApplyIndex, index);
        out.send(from, new InstallSnapshotReply(currentTerm, index));
    }

    /** A leader hears that a follower holds everything through the snapshot it sent. */
    private void handleInstallSnapshotReply(int from, InstallSnapshotReply reply) {
        Progress p = progress[from];
        if (reply.lastIncludedIndex() <= log.lastIndex() && p.acknowledge(reply.lastIncludedIndex())) {
            reportProgress(from);
            maybeAdvanceCommit();
        }
        sendAppend(from, false);
    }

    /**
     * The follower compacted past the append's prevLogIndex: the entries through its snapshot are
     * committed, so they match the leader's (§5.4); only those after the snapshot are checked and
     * appended, anchored at the snapshot's last entry. Null when the append ends within the
     * snapshot: it is acknowledged at once.
     */
    private AppendEntries appendAfterSnapshot(int from, AppendEntries append) {
        long base = log.snapshotIndex();
        if (append.lastIndex() <= base) {
            out.send(from, AppendEntriesReply.accepted(currentTerm, append.lastIndex()));
            return null;
        }
        List<LogEntry> entries = append.entries();
        int skipped = (int) (base - append.prevLogIndex());
        long baseTerm = entries.get(skipped - 1).term();
        return new AppendEntries(append.term(), append.leaderId(), base, baseTerm, entries.subList(skipped, entries.size()), append.leaderCommit());
    }

    /** A leader sends its snapshot when the follower's next entry has been compacted away (§7). */
    private void sendSnapshot(int peer, boolean heartbeat) {
        Progress p = progress[peer];
        if (p.state() == ReplicationState.REPLICATE) {
            p.becomeProbe(p.nextIndex());
        }
        if (!p.canSendProbe() && !heartbeat) {
            return;
        }
        out.send(peer, new InstallSnapshot(currentTerm, id, snapshot));
        p.probeSent();
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
        if (votesWin()) {
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
        if (votesWin()) {
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
        // Off (a scenario's raft.leaderNoOp), earlier terms' entries wait for a client's
        // entry of this term to commit them (§5.4.2): the price of indexes holding only commands.
        if (config.leaderNoOp()) {
            appendLocally(Command.Noop.INSTANCE);
        }
        for (int peer = 0; peer < config.clusterSize(); peer++) {
            if (replicatesTo(peer)) {
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
            // Learners are asked too: they answer as any server does (§4.1: RPCs are handled
            // without consulting configurations), and their answer counts for nothing.
            if (peer != id && configuration.isMember(peer)) {
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

    /** The latest snapshot, taken or installed; null before the first. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** The leader's view of {@code peer}, or null when this node is not leader. */
    public Progress progress(int peer) {
        return role == Role.LEADER ? progress[peer] : null;
    }

    public RaftConfig config() {
        return config;
    }

    /** The configuration this node uses now: the latest in its log, or the initial one (§4.1). */
    public Configuration configuration() {
        return configuration;
    }

    public RaftRules rules() {
        return rules;
    }
}

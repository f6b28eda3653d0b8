package com.example.myraft;

import com.example.myraft.Message.AppendEntries;
import com.example.myraft.Message.AppendEntriesReply;
import com.example.myraft.Message.ClientReply;
import com.example.myraft.Message.ClientRequest;
import com.example.myraft.Message.RequestVote;
import com.example.myraft.Message.RequestVoteReply;
import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.spi.RaftProcess;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.sim.engine.ProcessContext;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One incarnation of a my-raft server: Figure 2 of the Raft paper, nothing more. Handlers run
 * to completion; time, randomness and the disk come from the {@link ProcessContext}. Every
 * handler ends in {@link #flush()}: persist, then send (Figure 2: persistent state is "updated
 * on stable storage before responding to RPCs").
 */
final class MyServer implements RaftProcess<Message> {
    static final int ELECTION_TIMER = 1;
    static final int HEARTBEAT_TIMER = 2;

    private final ProcessContext<Message> context;
    private final RaftConfig config;
    private final int id;
    private final List<Integer> peers = new ArrayList<>();
    /** The planted mistake: grant votes without the §5.4.1 up-to-date check. False in every real run. */
    private final boolean voteWithoutLogCheck;
    private final PersistentState persistent;
    private final KvMachine machine = new KvMachine();
    private final MyProbe probe;
    /** Messages of this step, sent by {@link #flush()} once the step's writes are durable. */
    private final List<Outgoing> outbox = new ArrayList<>();

    private record Outgoing(int to, Message message) {
    }

    // Volatile state on all servers (Figure 2).
    private Role role = Role.FOLLOWER;
    private int leaderId = -1;
    private long commitIndex;
    // Candidates: who voted for us this term.
    private final TreeSet<Integer> votes = new TreeSet<>();
    // Leaders: nextIndex and matchIndex per server (Figure 2), and the prevLogIndex of the one
    // append awaiting its reply (-1 for none): one append at a time, so a reply sends the next.
    private final long[] nextIndex;
    private final long[] matchIndex;
    private final long[] awaitedPrev;

    MyServer(ProcessContext<Message> context, RaftConfig config, List<Integer> members, boolean voteWithoutLogCheck) {
        this.context = context;
        this.config = config;
        this.id = context.nodeId();
        for (int member : members) {
            if (member != id) {
                peers.add(member);
            }
        }
        this.voteWithoutLogCheck = voteWithoutLogCheck;
        this.persistent = new PersistentState(context.storage());
        this.nextIndex = new long[members.size()];
        this.matchIndex = new long[members.size()];
        this.awaitedPrev = new long[members.size()];
        this.probe = new MyProbe(this, id, members);
    }

    @Override
    public void onStart() {
        resetElectionTimer();
    }

    @Override
    public void onTimer(int timerId) {
        if (timerId == ELECTION_TIMER) {
            startElection();
        } else if (timerId == HEARTBEAT_TIMER && role == Role.LEADER) {
            for (int peer : peers) {
                sendAppend(peer);
            }
            context.setTimer(HEARTBEAT_TIMER, config.heartbeatIntervalMicros());
        }
        flush();
    }

    @Override
    public void onMessage(int from, Message message) {
        if (message instanceof ClientRequest request) {
            onClientRequest(from, request);
            flush();
            return;
        }
        // Rules for All Servers: a higher term in any RPC makes us a follower of that term (§5.1).
        long term = termOf(message);
        if (term > persistent.currentTerm()) {
            persistent.setTermAndVote(term, -1);
            becomeFollower(-1);
        }
        if (message instanceof RequestVote request) {
            onRequestVote(request);
        } else if (message instanceof RequestVoteReply reply) {
            onRequestVoteReply(from, reply);
        } else if (message instanceof AppendEntries request) {
            onAppendEntries(request);
        } else if (message instanceof AppendEntriesReply reply) {
            onAppendEntriesReply(from, reply);
        }
        flush();
    }

    // ---- Elections (§5.2, §5.4.1) ----

    /** Followers and candidates: the election timer ran out, so campaign in a new term (§5.2). */
    private void startElection() {
        persistent.setTermAndVote(persistent.currentTerm() + 1, id);
        role = Role.CANDIDATE;
        leaderId = -1;
        votes.clear();
        votes.add(id);
        resetElectionTimer();
        long lastIndex = persistent.lastIndex();
        for (int peer : peers) {
            send(peer, new RequestVote(persistent.currentTerm(), id, lastIndex, persistent.termAt(lastIndex)));
        }
        if (votes.size() >= config.majority()) {
            becomeLeader();
        }
    }

    /** RequestVote receiver implementation, Figure 2. */
    private void onRequestVote(RequestVote request) {
        long term = persistent.currentTerm();
        boolean granted = request.term() == term
                && (persistent.votedFor() == -1 || persistent.votedFor() == request.candidateId())
                && (voteWithoutLogCheck || candidateLogUpToDate(request));
        if (granted) {
            persistent.setTermAndVote(term, request.candidateId());
            resetElectionTimer();
        }
        send(request.candidateId(), new RequestVoteReply(term, granted));
    }

    /** §5.4.1: the later last term wins; with equal last terms, the longer log. */
    private boolean candidateLogUpToDate(RequestVote request) {
        long lastIndex = persistent.lastIndex();
        long lastTerm = persistent.termAt(lastIndex);
        return request.lastLogTerm() > lastTerm || request.lastLogTerm() == lastTerm && request.lastLogIndex() >= lastIndex;
    }

    private void onRequestVoteReply(int from, RequestVoteReply reply) {
        if (role != Role.CANDIDATE || reply.term() != persistent.currentTerm() || !reply.voteGranted()) {
            return; // a reply of an earlier campaign counts for nothing
        }
        votes.add(from);
        if (votes.size() >= config.majority()) {
            becomeLeader();
        }
    }

    private void becomeFollower(int knownLeader) {
        role = Role.FOLLOWER;
        leaderId = knownLeader;
        context.cancelTimer(HEARTBEAT_TIMER);
        if (!context.isTimerSet(ELECTION_TIMER)) {
            resetElectionTimer(); // a deposed leader had none running
        }
    }

    /**
     * Wins the election: nextIndex starts just past our log, and a no-op of the new term is
     * appended (§8) so that committing it commits everything before it (§5.4.2).
     */
    private void becomeLeader() {
        role = Role.LEADER;
        leaderId = id;
        context.cancelTimer(ELECTION_TIMER);
        for (int peer : peers) {
            nextIndex[peer] = persistent.lastIndex() + 1;
            matchIndex[peer] = 0;
            awaitedPrev[peer] = -1;
        }
        persistent.append(Entry.noOp(persistent.currentTerm()));
        for (int peer : peers) {
            sendAppend(peer);
        }
        context.setTimer(HEARTBEAT_TIMER, config.heartbeatIntervalMicros());
        advanceCommitIndex(); // a one-server cluster commits alone
    }

    /** A timeout drawn afresh each time from [min, max) with the server's own random stream (§5.2). */
    private void resetElectionTimer() {
        context.setTimer(ELECTION_TIMER, context.random().nextLong(config.electionTimeoutMinMicros(), config.electionTimeoutMaxMicros()));
    }

    // ---- Log replication (§5.3) ----

    /** AppendEntries receiver implementation, Figure 2. */
    private void onAppendEntries(AppendEntries request) {
        long term = persistent.currentTerm();
        if (request.term() < term) {
            send(request.leaderId(), new AppendEntriesReply(term, false, request.prevLogIndex(), 0));
            return;
        }
        becomeFollower(request.leaderId()); // a candidate of this term yields to its leader (§5.2)
        resetElectionTimer();
        long prev = request.prevLogIndex();
        if (prev > persistent.lastIndex() || persistent.termAt(prev) != request.prevLogTerm()) {
            send(request.leaderId(), new AppendEntriesReply(term, false, prev, 0));
            return;
        }
        long index = prev;
        for (Entry entry : request.entries()) {
            index++;
            if (index <= persistent.lastIndex() && persistent.termAt(index) != entry.term()) {
                persistent.truncateFrom(index); // a conflict: delete it and all that follow (§5.3)
            }
            if (index > persistent.lastIndex()) {
                persistent.append(entry);
            }
        }
        if (request.leaderCommit() > commitIndex) {
            // Figure 2: min(leaderCommit, index of last new entry); a late request never lowers it.
            commitIndex = Math.max(commitIndex, Math.min(request.leaderCommit(), index));
            applyCommitted();
        }
        send(request.leaderId(), new AppendEntriesReply(term, true, prev, index));
    }

    private void onAppendEntriesReply(int from, AppendEntriesReply reply) {
        if (role != Role.LEADER || reply.term() != persistent.currentTerm()) {
            return;
        }
        boolean awaited = reply.prevLogIndex() == awaitedPrev[from];
        if (awaited) {
            awaitedPrev[from] = -1;
        }
        if (reply.success()) {
            matchIndex[from] = Math.max(matchIndex[from], reply.matchIndex());
            nextIndex[from] = Math.max(nextIndex[from], matchIndex[from] + 1);
            advanceCommitIndex();
        } else if (reply.prevLogIndex() == nextIndex[from] - 1) {
            // One step back (§5.3), never below what the follower is known to hold.
            nextIndex[from] = Math.max(matchIndex[from] + 1, nextIndex[from] - 1);
        }
        // Only the reply to the awaited append sends the next one; a duplicate or a reply to a
        // heartbeat's resend must not start a second stream to the same follower.
        if (awaited && (nextIndex[from] <= persistent.lastIndex() || !reply.success())) {
            sendAppend(from);
        }
    }

    /**
     * Sends the entries from nextIndex on, at most maxEntriesPerAppend of them: a heartbeat when
     * there are none. A heartbeat while an append is awaited sends it again (it may be lost).
     */
    private void sendAppend(int peer) {
        long prev = nextIndex[peer] - 1;
        long last = Math.min(persistent.lastIndex(), prev + config.maxEntriesPerAppend());
        List<Entry> entries = new ArrayList<>();
        for (long index = prev + 1; index <= last; index++) {
            entries.add(persistent.entry(index));
        }
        awaitedPrev[peer] = prev;
        send(peer, new AppendEntries(persistent.currentTerm(), id, prev, persistent.termAt(prev), entries, commitIndex));
    }

    /** Sends to each follower with nothing awaiting a reply (one append at a time, as in the paper). */
    private void replicate() {
        for (int peer : peers) {
            if (awaitedPrev[peer] < 0) {
                sendAppend(peer);
            }
        }
    }

    /**
     * Rules for Servers, Leaders: commit the highest N with a majority of matchIndex >= N and
     * log[N].term == currentTerm. Never by counting replicas of an earlier term's entry (§5.4.2, Figure 8).
     */
    private void advanceCommitIndex() {
        for (long n = persistent.lastIndex(); n > commitIndex && persistent.termAt(n) == persistent.currentTerm(); n--) {
            int replicas = 1;
            for (int peer : peers) {
                if (matchIndex[peer] >= n) {
                    replicas++;
                }
            }
            if (replicas >= config.majority()) {
                commitIndex = n;
                applyCommitted();
                return;
            }
        }
    }

    // ---- The state machine and clients (§8) ----

    /** Applies committed entries in order; the leader answers the clients whose commands they were. */
    private void applyCommitted() {
        while (machine.lastApplied() < commitIndex) {
            Entry entry = persistent.entry(machine.lastApplied() + 1);
            KvResult result = machine.apply(entry);
            if (role == Role.LEADER && !entry.isNoOp()) {
                send(entry.clientId(), new ClientReply(entry.clientId(), entry.sequence(), true, result, id));
            }
        }
    }

    /** Only the leader takes commands; others redirect the client with a hint (§8). */
    private void onClientRequest(int from, ClientRequest request) {
        if (role != Role.LEADER) {
            send(from, new ClientReply(request.clientId(), request.sequence(), false, null, leaderId));
            return;
        }
        KvResult answered = machine.answered(request.clientId(), request.sequence());
        if (answered != null) {
            send(from, new ClientReply(request.clientId(), request.sequence(), true, answered, id));
            return; // a retry of a command already applied: answer from the session, do not log it again
        }
        persistent.append(new Entry(persistent.currentTerm(), request.clientId(), request.sequence(), request.command()));
        replicate();
        advanceCommitIndex(); // a one-server cluster commits alone
    }

    // ---- Plumbing ----

    private void send(int to, Message message) {
        outbox.add(new Outgoing(to, message));
    }

    /** Persist, then send: no message leaves before the state it reflects is durable. */
    private void flush() {
        persistent.sync();
        for (Outgoing outgoing : outbox) {
            context.send(outgoing.to(), outgoing.message());
        }
        outbox.clear();
    }

    private static long termOf(Message message) {
        if (message instanceof RequestVote m) {
            return m.term();
        } else if (message instanceof RequestVoteReply m) {
            return m.term();
        } else if (message instanceof AppendEntries m) {
            return m.term();
        } else if (message instanceof AppendEntriesReply m) {
            return m.term();
        }
        return 0;
    }

    @Override
    public ServerProbe probe() {
        return probe;
    }

    // Read by MyProbe.
    Role role() {
        return role;
    }

    int leaderId() {
        return leaderId;
    }

    long commitIndex() {
        return commitIndex;
    }

    PersistentState persistent() {
        return persistent;
    }

    KvMachine machine() {
        return machine;
    }

    long nextIndex(int peer) {
        return nextIndex[peer];
    }

    long matchIndex(int peer) {
        return matchIndex[peer];
    }
}

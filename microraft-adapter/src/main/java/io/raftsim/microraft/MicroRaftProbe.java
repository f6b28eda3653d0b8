package io.raftsim.microraft;

import io.microraft.RaftEndpoint;
import io.microraft.RaftRole;
import io.microraft.impl.RaftNodeImpl;
import io.microraft.impl.log.RaftLog;
import io.microraft.impl.statemachine.NoOp;
import io.microraft.impl.state.RaftState;
import io.microraft.model.groupop.UpdateRaftGroupMembersOp;
import io.microraft.model.log.LogEntry;
import io.microraft.model.log.SnapshotEntry;
import io.raftsim.harness.spi.Fingerprints;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the checks read of a MicroRaft server, through getters only: nothing here runs an
 * executor task or changes the node. Sources, all read on the one simulation thread:
 * <ul>
 *   <li>role, term, vote, leader, commit and applied indexes, voters: {@code RaftNodeImpl.state()}
 *       ({@link RaftState}: {@code role()}, {@code preCandidateState()}, {@code term()},
 *       {@code votedEndpoint()}, {@code leader()}, {@code commitIndex()}, {@code lastApplied()},
 *       the effective configuration's members and voting members). MicroRaft's {@code RaftNode} API
 *       offers only {@code getTerm()}, {@code getStatus()} and a report future, which is a task;
 *   <li>the log: {@code state().log()} ({@link RaftLog}: {@code snapshotIndex()},
 *       {@code lastLogOrSnapshotIndex()}, {@code getLogEntry(index)}, {@code snapshotEntry()});
 *   <li>payload fingerprints: the entry's operation, by {@link #fingerprintOf};
 *   <li>the state fingerprint: our {@link KvStateMachine#fingerprint()} (store and sessions).
 * </ul>
 * Before the incarnation's {@code onStart} builds the node, it reads as an empty follower.
 */
final class MicroRaftProbe implements ServerProbe {
    private static final long MEMBERS_KIND = 0x4D454DL;
    private static final long NO_OP_KIND = 0x4E4F50L;

    private MicroRaftNode node;
    private RaftState state;

    void attach(MicroRaftNode started) {
        this.node = started;
        this.state = ((RaftNodeImpl) started.raftNode()).state();
    }

    @Override
    public Role role() {
        if (state == null) {
            return Role.FOLLOWER;
        }
        RaftRole role = state.role();
        if (role == RaftRole.LEADER) {
            return Role.LEADER;
        } else if (role == RaftRole.CANDIDATE) {
            return Role.CANDIDATE;
        }
        // MicroRaft's pre-candidate is a follower with a pre-vote round open; hearing a leader of the
        // same term sets leader() without closing the round, so a known leader means follower.
        return state.preCandidateState() != null && state.leader() == null ? Role.PRE_CANDIDATE : Role.FOLLOWER;
    }

    @Override
    public long currentTerm() {
        return state == null ? 0 : state.term();
    }

    @Override
    public int votedFor() {
        return state == null ? -1 : idOf(state.votedEndpoint());
    }

    @Override
    public int leaderId() {
        return state == null ? -1 : idOf(state.leader());
    }

    @Override
    public long commitIndex() {
        return state == null ? 0 : state.commitIndex();
    }

    @Override
    public long lastApplied() {
        return state == null ? 0 : state.lastApplied();
    }

    @Override
    public long firstLogIndex() {
        return state == null ? 1 : state.log().snapshotIndex() + 1;
    }

    @Override
    public long lastLogIndex() {
        return state == null ? 0 : state.log().lastLogOrSnapshotIndex();
    }

    @Override
    public long termAt(long index) {
        RaftLog log = state.log();
        if (index == log.snapshotIndex()) {
            SnapshotEntry snapshot = log.snapshotEntry();
            return index == 0 || snapshot == null ? 0 : snapshot.getTerm();
        }
        return entry(index).getTerm();
    }

    @Override
    public long payloadFingerprintAt(long index) {
        return fingerprintOf(entry(index).getOperation());
    }

    private LogEntry entry(long index) {
        LogEntry entry = state.log().getLogEntry(index);
        if (entry == null) {
            throw new IllegalArgumentException("no log entry at " + index + " (log " + firstLogIndex() + ".." + lastLogIndex() + ")");
        }
        return entry;
    }

    /**
     * A fixed fingerprint of an entry's operation: a KV operation over its command, client id and
     * sequence; MicroRaft's internal operations by kind (and a membership change by its members).
     */
    static long fingerprintOf(Object operation) {
        if (operation instanceof KvOperation op) {
            return op.fingerprint();
        } else if (operation instanceof UpdateRaftGroupMembersOp op) {
            long hash = MEMBERS_KIND;
            for (RaftEndpoint member : op.getMembers()) {
                hash = Fingerprints.fold(hash, idOf(member));
            }
            for (RaftEndpoint voter : op.getVotingMembers()) {
                hash = Fingerprints.fold(hash, idOf(voter));
            }
            return Fingerprints.fold(Fingerprints.fold(hash, idOf(op.getEndpoint())), op.getMode().ordinal());
        } else if (operation == NoOp.INSTANCE) {
            return NO_OP_KIND;
        }
        throw new IllegalStateException("no fingerprint for operation " + (operation == null ? null : operation.getClass().getName()));
    }

    @Override
    public long stateFingerprint() {
        return node == null ? 0 : node.stateMachine().fingerprint();
    }

    /**
     * The voters of MicroRaft's effective configuration ({@code RaftState.effectiveGroupMembers()},
     * what {@code RaftNode#getEffectiveMembers()} returns): the latest configuration in its log,
     * committed or not, which is the one it uses (§4.1: a server uses the latest configuration in
     * its log). A spare server reads the initial configuration, without itself.
     */
    @Override
    public List<Integer> voters() {
        return state == null ? List.of() : sortedIds(state.effectiveGroupMembers().getVotingMembers());
    }

    /** The effective configuration's non-voting members: MicroRaft's LEARNERs (§4.2.1), at most two. */
    @Override
    public List<Integer> learners() {
        if (state == null) {
            return List.of();
        }
        Collection<RaftEndpoint> voting = state.effectiveGroupMembers().getVotingMembers();
        List<RaftEndpoint> learners = new ArrayList<>();
        for (RaftEndpoint member : state.effectiveGroupMembers().getMembers()) {
            if (!voting.contains(member)) {
                learners.add(member);
            }
        }
        return sortedIds(learners);
    }

    private static List<Integer> sortedIds(Collection<RaftEndpoint> endpoints) {
        List<Integer> ids = new ArrayList<>(endpoints.size());
        for (RaftEndpoint endpoint : endpoints) {
            ids.add(idOf(endpoint));
        }
        ids.sort(null);
        return ids;
    }

    private static int idOf(RaftEndpoint endpoint) {
        return endpoint == null ? -1 : ((SimEndpoint) endpoint).id();
    }
}

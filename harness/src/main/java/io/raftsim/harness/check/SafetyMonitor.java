package io.raftsim.harness.check;

import io.raftsim.harness.cluster.ChunkedLongArray;
import io.raftsim.harness.cluster.LogMirror;
import io.raftsim.harness.cluster.ServerListener;
import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.harness.wire.Packet;
import io.raftsim.sim.engine.Observer;
import io.raftsim.sim.engine.SimulationView;
import io.raftsim.sim.engine.Violation;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;

/**
 * Checks Raft's safety properties (Figure 3, and the monotonicity of term, vote and commit
 * index) as the run goes, from what the servers' probes show after every step
 * ({@link ServerListener}); each report costs O(1) amortised, never a scan of a log: logs are
 * compared by the cumulative hashes the harness keeps of each server's log ({@link LogMirror}).
 * The first violation is kept and stops the run through {@link #afterStep}.
 */
public final class SafetyMonitor implements ServerListener, Observer<Packet> {
    private static final int NO_VOTE = -1;
    private final int serverCount;
    private final ServerProbe[] nodes;
    private LogMirror[] logs;
    private SimulationView<Packet> view;

    /** Election Safety: the leader of every term, over the whole run (crashed leaders still count). */
    private final TreeMap<Long, Integer> leaderOfTerm = new TreeMap<>();
    /** Log Matching: for each index, the (term, cumulative hash) pairs seen there, first one wins. */
    private final TermHashesByIndex termHashesAtIndex = new TermHashesByIndex();
    /** The committed prefix, as the hash at each committed index (position 0 is index 1). */
    private final ChunkedLongArray committedHashes = new ChunkedLongArray(0);
    private long committedIndex;
    /**
     * Committed indexes whose hash is not known yet (position i is index i + 1): the server that
     * committed them first had compacted them before its mirror saw them (a leader that is the
     * only voter appends, commits and compacts in one step). Their hash, and the committed prefix
     * through them, is learned from the first server whose mirror shows them when it commits
     * them; until then a comparison there cannot decide, and none is made (nor passed): the
     * prefix is compared where both sides know it, and the state machine through those entries
     * still by fingerprint (Applied State, Snapshot Safety). Empty in every run without such a step.
     */
    private final BitSet unknownCommitted = new BitSet();
    /** Committed indexes whose hash the checks learned from a later server, and how many such comparisons had to wait. */
    private long learnedCommittedHashes;
    /**
     * For each term in which the committed prefix grew, the committed index reached in it.
     * Leader Completeness only speaks of entries committed in lower terms: a leader elected
     * late in virtual time for an old term (it was paused with its votes held) need not have
     * entries that leaders of later terms committed meanwhile.
     */
    private final TreeMap<Long, Long> committedIndexByTerm = new TreeMap<>();
    /**
     * Configuration Overlap: the voters the leader of each term uses last, both sets while joint
     * (§4.3). A leader's successive configurations, and a new leader's against the previous
     * term's, must have intersecting quorums.
     */
    private final TreeMap<Long, VoterSets> leaderVotersOfTerm = new TreeMap<>();
    private long highestLeaderTerm;
    private int highestLeader = -1;
    /**
     * Applied State: the state-machine fingerprint after applying entries 1..i, at position
     * i - 1, as the first server to report i reported it. A server reports once per step, at
     * the index it applied through, so a step that applies several entries leaves the indexes
     * before its last unrecorded: {@link #stateRecorded} marks the positions that hold one, and
     * servers are compared where both reported.
     */
    private final ChunkedLongArray stateAfterIndex = new ChunkedLongArray(0);
    private final BitSet stateRecorded = new BitSet();

    // Per server, kept across restarts: what the monitor saw last.
    private final long[] lastTerm;
    private final long[] lastVoteTerm;
    private final int[] lastVote;
    private final long[] lastCommit;
    private final Role[] lastRole;
    /** The snapshot index each server reported last (0 after a restart, so a reloaded snapshot is checked again). */
    private final long[] lastSnapshot;

    private long electionCount;
    private Violation violation;

    public SafetyMonitor(int serverCount) {
        this.serverCount = serverCount;
        this.nodes = new ServerProbe[serverCount];
        this.lastTerm = new long[serverCount];
        this.lastVoteTerm = new long[serverCount];
        this.lastVote = new int[serverCount];
        this.lastCommit = new long[serverCount];
        this.lastRole = new Role[serverCount];
        this.lastSnapshot = new long[serverCount];
        Arrays.fill(lastVote, NO_VOTE);
        Arrays.fill(lastRole, Role.FOLLOWER);
    }

    /** The engine the servers run in, to tell crashed servers from live ones, and the harness's copy of each server's log. */
    public void attach(SimulationView<Packet> simulation, LogMirror[] serverLogs) {
        this.view = simulation;
        this.logs = serverLogs;
    }

    // ---- reports from servers --------------------------------------------------------

    @Override
    public void started(int id, ServerProbe node) {
        nodes[id] = node;
        lastCommit[id] = 0;
        lastRole[id] = Role.FOLLOWER;
        lastSnapshot[id] = 0;
    }

    @Override
    public void appended(int node, long index, long term, long cumulativeHash) {
        if (!termHashesAtIndex.agreesOrRecords(index, term, cumulativeHash)) {
            fail(SafetyProperty.LOG_MATCHING, "node n" + (node + 1) + " appended index " + index + " term " + term
                    + " onto a prefix that differs from another log holding the same index and term; node's log: "
                    + excerpt(node, index));
        }
    }

    @Override
    public void truncated(int node, long fromIndex, long previousLastIndex) {
        ServerProbe current = nodes[node];
        // Snapshot Safety, for a step that moved the snapshot (reported before handled() records it): the mirror
        // still holds the removed entries, and the first is committed when the prefix through it is the committed one.
        // Only such steps: a general "committed entries stay" check would catch the log mistakes of AppendEntries
        // before Leader Completeness does, and their recorded detection figures (docs/bugs.md) assume it does not.
        if (current != null && current.snapshotIndex() != lastSnapshot[node] && fromIndex <= committedIndex && logs != null
                && logs[node].knows(fromIndex) && logs[node].hashKnown(fromIndex) && !unknownCommitted.get((int) (fromIndex - 1))
                && logs[node].hash(fromIndex) == committedHashes.get(fromIndex - 1)) {
            fail(SafetyProperty.SNAPSHOT_COMMITTED, "n" + (node + 1) + " removed entries " + fromIndex + ".." + previousLastIndex
                    + " from its log with its snapshot through " + current.snapshotIndex() + ", of which " + fromIndex + ".."
                    + Math.min(committedIndex, previousLastIndex) + " are committed");
        }
        // The report comes after the step: a leader now that led before it, in the same term, removed its own entries.
        if (current != null && current.role() == Role.LEADER && lastRole[node] == Role.LEADER && current.currentTerm() == lastTerm[node]) {
            fail(SafetyProperty.LEADER_APPEND_ONLY, "leader n" + (node + 1) + " in term " + current.currentTerm()
                    + " removed entries " + fromIndex + ".." + previousLastIndex + " from its own log");
        }
    }

    @Override
    public void applied(int node, long index, long cumulativeHash) {
        if (index > committedIndex) {
            fail(SafetyProperty.STATE_MACHINE_SAFETY, "n" + (node + 1) + " applied index " + index + " (" + entryText(node, index)
                    + ") beyond every commit index seen (" + committedIndex + ")");
        } else if (cumulativeHash != LogMirror.CommittedPrefix.UNKNOWN && !unknownCommitted.get((int) (index - 1))
                && committedHashes.get(index - 1) != cumulativeHash) {
            // An entry whose hash either side does not know is left to the state fingerprints (stateApplied) and to
            // the comparison of the whole prefix once the checks learn it.
            fail(SafetyProperty.STATE_MACHINE_SAFETY, "n" + (node + 1) + " applied " + entryText(node, index) + " at index " + index
                    + " but a different entry was committed there; node's log: " + excerpt(node, index));
        }
    }

    @Override
    public void stateApplied(int node, long appliedIndex, long stateFingerprint) {
        int position = (int) (appliedIndex - 1);
        if (!stateRecorded.get(position)) {
            stateAfterIndex.set(position, stateFingerprint);
            stateRecorded.set(position);
        } else if (stateAfterIndex.get(position) != stateFingerprint) {
            fail(SafetyProperty.APPLIED_STATE, "n" + (node + 1) + "'s state machine after applying entries 1.." + appliedIndex
                    + " differs from the state another server reached by applying the same committed entries");
        }
    }

    /**
     * Figure 2, Rules for All Servers: a higher term in a request or response is adopted at
     * once. RequestVote is left out because with CheckQuorum a server in its leader lease
     * rightly ignores it (dissertation §4.2.3), and pre-vote replies because a pre-vote is a
     * question about a future term (§9.6). A reply is held to the rule only by a server still
     * in the role that asked (a vote reply by a candidate, an append or snapshot reply by a
     * leader): to any other role it is stale news, and dropping it unread is safe; the term
     * arrives again with the next request. MicroRaft 0.7 drops such replies before reading
     * their term (docs/microraft.md). Requests have no exception.
     */
    @Override
    public void received(int id, int from, MessageView.Kind kind, long term, ServerProbe node) {
        boolean mustAdopt = switch (kind) {
            case APPEND_REQUEST, SNAPSHOT_REQUEST -> true;
            case VOTE_REPLY -> node.role() == Role.CANDIDATE;
            case APPEND_REPLY, SNAPSHOT_REPLY -> node.role() == Role.LEADER;
            default -> false;
        };
        if (mustAdopt && node.currentTerm() < term) {
            fail(SafetyProperty.TERM_ADOPTION, "n" + (id + 1) + " (" + node.role() + ") stayed in term " + node.currentTerm()
                    + " after receiving " + kindName(kind) + " of term " + term);
        }
    }

    private static String kindName(MessageView.Kind kind) {
        return switch (kind) {
            case APPEND_REQUEST -> "AppendEntries";
            case APPEND_REPLY -> "AppendEntriesReply";
            case VOTE_REPLY -> "RequestVoteReply";
            case SNAPSHOT_REQUEST -> "InstallSnapshot";
            case SNAPSHOT_REPLY -> "InstallSnapshotReply";
            default -> kind.name();
        };
    }

    @Override
    public void handled(int id, ServerProbe node) {
        long term = node.currentTerm();
        if (term < lastTerm[id]) {
            fail(SafetyProperty.TERM_MONOTONIC, "n" + (id + 1) + " went from term " + lastTerm[id] + " back to term " + term);
        }
        lastTerm[id] = term;
        checkVote(id, node);
        checkCommit(id, node);
        checkSnapshot(id, node);
        if (node.role() == Role.LEADER && lastRole[id] != Role.LEADER) {
            checkNewLeader(id, node);
        }
        if (node.role() == Role.LEADER) {
            checkProgress(id, node);
            checkConfigurationChange(id, node);
        }
        lastRole[id] = node.role();
    }

    private void checkProgress(int id, ServerProbe leader) {
        long last = leader.lastLogIndex();
        for (int peer = 0; peer < serverCount; peer++) {
            long match = peer == id ? -1 : leader.matchIndexOf(peer);
            long next = peer == id ? -1 : leader.nextIndexOf(peer);
            if (next >= 0 && !(0 <= match && match < next && next <= last + 1)) {
                fail(SafetyProperty.LEADER_PROGRESS, "leader n" + (id + 1) + " of term " + leader.currentTerm() + " holds "
                        + "match=" + match + " next=" + next + " for n" + (peer + 1) + " with a log ending at " + last);
                return;
            }
        }
    }

    private void checkVote(int id, ServerProbe node) {
        int vote = node.votedFor();
        if (vote == NO_VOTE) {
            return;
        }
        long term = node.currentTerm();
        if (term == lastVoteTerm[id] && vote != lastVote[id] && lastVote[id] != NO_VOTE) {
            fail(SafetyProperty.SINGLE_VOTE, "n" + (id + 1) + " voted for n" + (lastVote[id] + 1) + " and then for n" + (vote + 1) + " in term " + term);
        }
        lastVoteTerm[id] = term;
        lastVote[id] = vote;
    }

    /**
     * The cumulative hash of the committed prefix through {@code index}, or
     * {@link LogMirror.CommittedPrefix#UNKNOWN} beyond what any server has committed: a
     * snapshot's entries, for the mirror of a server that installed it.
     */
    public long committedHashThrough(long index) {
        return index >= 1 && index <= committedIndex && !unknownCommitted.get((int) (index - 1))
                ? committedHashes.get(index - 1) : LogMirror.CommittedPrefix.UNKNOWN;
    }

    private void checkCommit(int id, ServerProbe node) {
        LogMirror log = logs[id];
        long commit = Math.min(node.commitIndex(), log.lastIndex());
        if (node.commitIndex() < lastCommit[id]) {
            fail(SafetyProperty.COMMIT_MONOTONIC, "n" + (id + 1) + " commitIndex went from " + lastCommit[id] + " back to " + node.commitIndex());
        }
        if (commit <= lastCommit[id]) {
            lastCommit[id] = Math.max(lastCommit[id], node.commitIndex());
            return;
        }
        lastCommit[id] = node.commitIndex();
        // Everything this node considers committed must agree with the committed prefix so far:
        // comparing the cumulative hash at one index compares the whole prefix. Where either side
        // does not know its hash, at the highest index both know.
        long agreeThrough = comparableThrough(log, Math.min(commit, committedIndex));
        if (agreeThrough > 0 && log.hash(agreeThrough) != committedHashes.get(agreeThrough - 1)) {
            fail(SafetyProperty.STATE_MACHINE_SAFETY, "n" + (id + 1) + " committed through index " + commit
                    + " but its entries through " + agreeThrough + " differ from those committed before; node's log: " + excerpt(id, agreeThrough));
            return;
        }
        learnCommittedHashes(log, Math.min(commit, committedIndex));
        for (long index = committedIndex + 1; index <= commit; index++) {
            committedHashes.set(index - 1, log.hash(index));
            if (!log.hashKnown(index)) {
                unknownCommitted.set((int) (index - 1));
            }
        }
        if (commit > committedIndex) {
            committedIndex = commit;
            committedIndexByTerm.merge(node.currentTerm(), commit, Math::max);
            checkCurrentLeaderHasCommitted(node.currentTerm());
        }
    }

    /**
     * The highest index up to {@code index} at which both {@code log} and the committed prefix
     * know the cumulative hash: {@code index} itself in every run where no entry was compacted
     * unseen (O(1)), else found by skipping the unknown stretches.
     */
    private long comparableThrough(LogMirror log, long index) {
        long through = log.knownThrough(index);
        while (through > 0 && unknownCommitted.get((int) (through - 1))) {
            // The highest index below this unknown stretch (position p is index p + 1), then as far as the log knows.
            through = log.knownThrough(unknownCommitted.previousClearBit((int) (through - 1)) + 1L);
        }
        return through;
    }

    /**
     * Committed indexes through {@code through} whose hash was unknown and that {@code log}
     * shows: this server committed them and agrees with the committed prefix below them, so its
     * entries there are the committed ones from now on. Then the mirror that never saw them can
     * take them at its next step.
     */
    private void learnCommittedHashes(LogMirror log, long through) {
        if (unknownCommitted.isEmpty()) {
            return;
        }
        for (int position = unknownCommitted.nextSetBit(0); position >= 0 && position < through; position = unknownCommitted.nextSetBit(position + 1)) {
            if (!log.hashKnown(position + 1)) {
                return;
            }
            committedHashes.set(position, log.hash(position + 1));
            unknownCommitted.clear(position);
            learnedCommittedHashes++;
        }
    }

    /** How many committed entries' hashes the checks learned from a server after the one that committed them first had compacted them unseen. */
    public long learnedCommittedHashes() {
        return learnedCommittedHashes;
    }

    /** Committed indexes whose hash no server has shown yet: comparisons there wait; the state fingerprints still compare. */
    public int unknownCommittedHashes() {
        return unknownCommitted.cardinality();
    }

    /**
     * Snapshot Safety, when a server's snapshot index moves (O(1)): the snapshot may cover only
     * what the cluster has committed (the most any server has reported committing, this one's
     * commit index of the same step included), and when the server's state machine stands at the
     * snapshot (just taken, installed or reloaded) it must equal the state another server reached
     * by applying the committed entries through that index, where one reported it.
     */
    private void checkSnapshot(int id, ServerProbe node) {
        long snapshot = node.snapshotIndex();
        if (snapshot == lastSnapshot[id]) {
            return;
        }
        lastSnapshot[id] = snapshot;
        if (snapshot <= 0) {
            return;
        }
        if (snapshot > committedIndex) {
            fail(SafetyProperty.SNAPSHOT_COMMITTED, "n" + (id + 1) + " holds a snapshot through index " + snapshot
                    + ", beyond every commit index seen (" + committedIndex + ")");
            return;
        }
        int position = (int) (snapshot - 1);
        if (node.lastApplied() == snapshot && stateRecorded.get(position) && stateAfterIndex.get(position) != node.stateFingerprint()) {
            fail(SafetyProperty.SNAPSHOT_COMMITTED, "n" + (id + 1) + "'s state machine at its snapshot through index " + snapshot
                    + " differs from the state another server reached by applying the committed entries 1.." + snapshot);
        }
    }

    /** Election Safety when a leader appears, and Leader Completeness for its log. */
    private void checkNewLeader(int id, ServerProbe node) {
        electionCount++;
        long term = node.currentTerm();
        Integer previous = leaderOfTerm.putIfAbsent(term, id);
        if (previous != null && previous != id) {
            fail(SafetyProperty.ELECTION_SAFETY, "n" + (previous + 1) + " and n" + (id + 1) + " were both elected leader in term " + term);
            return;
        }
        if (term >= highestLeaderTerm) {
            highestLeaderTerm = term;
            highestLeader = id;
        }
        checkHasCommittedPrefix(id, node, "became leader of term " + term);
        VoterSets voters = VoterSets.of(node);
        var before = leaderVotersOfTerm.lowerEntry(term);
        if (before != null && !VoterSets.intersect(before.getValue(), voters)) {
            fail(SafetyProperty.CONFIGURATION_OVERLAP, "n" + (id + 1) + " became leader of term " + term + " with voters " + voters.describe()
                    + ", whose quorums can miss every quorum of the voters " + before.getValue().describe() + " the leader of term " + before.getKey() + " used last");
        }
        leaderVotersOfTerm.put(term, voters);
    }

    /**
     * A leader that changed configuration within its term changed it by a step whose quorums
     * overlap: one server at a time (§4.1), or into and out of a joint configuration (§4.3).
     */
    private void checkConfigurationChange(int id, ServerProbe leader) {
        long term = leader.currentTerm();
        VoterSets before = leaderVotersOfTerm.get(term);
        if (before == null) {
            return;
        }
        List<Integer> voters = leader.voters();
        List<Integer> outgoing = leader.outgoingVoters();
        if (before.voters() == voters && before.outgoing() == outgoing) {
            return; // the lists a probe hands out stay the same objects until the configuration changes
        }
        VoterSets now = new VoterSets(voters, outgoing);
        if (before.sameAs(now)) {
            return;
        }
        if (!VoterSets.intersect(before, now)) {
            fail(SafetyProperty.CONFIGURATION_OVERLAP, "leader n" + (id + 1) + " of term " + term + " went from voters " + before.describe()
                    + " to " + now.describe() + ", whose quorums can be disjoint");
        }
        leaderVotersOfTerm.put(term, now);
    }

    /**
     * Whether every majority of {@code a} meets every majority of {@code b}: two disjoint ones
     * exist exactly when the majority of each, taken first from its own servers outside the
     * other, needs no more of the shared servers together than there are.
     */
    static boolean quorumsIntersect(List<Integer> a, List<Integer> b) {
        int shared = 0;
        for (int server : a) {
            if (b.contains(server)) {
                shared++;
            }
        }
        int fromSharedForA = Math.max(0, a.size() / 2 + 1 - (a.size() - shared));
        int fromSharedForB = Math.max(0, b.size() / 2 + 1 - (b.size() - shared));
        return fromSharedForA + fromSharedForB > shared;
    }

    static String names(List<Integer> servers) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < servers.size(); i++) {
            text.append(i == 0 ? "" : ",").append('n').append(servers.get(i) + 1);
        }
        return text.append('}').toString();
    }

    /** Entries just committed in {@code commitTerm} must be in the log of a live leader of a higher term. */
    private void checkCurrentLeaderHasCommitted(long commitTerm) {
        if (highestLeader < 0 || highestLeaderTerm <= commitTerm || (view != null && !view.isUp(highestLeader))) {
            return;
        }
        ServerProbe leader = nodes[highestLeader];
        if (leader.role() == Role.LEADER && leader.currentTerm() == highestLeaderTerm) {
            checkHasCommittedPrefix(highestLeader, leader, "is leader of term " + highestLeaderTerm);
        }
    }

    /** The leader's log holds every entry committed in a term below its own. */
    private void checkHasCommittedPrefix(int id, ServerProbe node, String context) {
        var committedBefore = committedIndexByTerm.floorEntry(node.currentTerm() - 1);
        if (committedBefore == null) {
            return;
        }
        long required = committedBefore.getValue();
        LogMirror log = logs[id];
        long comparable = log.lastIndex() < required ? required : comparableThrough(log, required);
        if (log.lastIndex() < required || comparable > 0 && log.hash(comparable) != committedHashes.get(comparable - 1)) {
            fail(SafetyProperty.LEADER_COMPLETENESS, "n" + (id + 1) + " " + context + " without every entry committed in earlier terms"
                    + " (committed through " + required + " by term " + committedBefore.getKey() + "); its log: "
                    + excerpt(id, Math.min(required, log.lastIndex())));
        }
    }

    private String excerpt(int node, long aroundIndex) {
        if (nodes[node] == null) {
            return "(unknown)";
        }
        ServerProbe log = nodes[node];
        long from = Math.max(log.firstLogIndex(), aroundIndex - 2);
        long to = Math.min(log.lastLogIndex(), aroundIndex + 2);
        StringBuilder text = new StringBuilder("[");
        for (long index = from; index <= to; index++) {
            text.append(index == from ? "" : ", ").append(index).append(':').append(log.termAt(index));
        }
        return text.append("] of ").append(log.lastLogIndex()).toString();
    }

    /** An entry as a message names it: index and term, read from the server's probe. */
    private String entryText(int node, long index) {
        ServerProbe log = nodes[node];
        if (log == null || index < log.firstLogIndex() || index > log.lastLogIndex()) {
            return "entry " + index;
        }
        return "entry " + index + " of term " + log.termAt(index);
    }

    private void fail(SafetyProperty property, String message) {
        if (violation == null) {
            violation = Violation.of(property.displayName(), message + " — " + property.statement());
        }
    }

    // ---- the engine observer ---------------------------------------------------------

    @Override
    public Violation afterStep(SimulationView<Packet> simulation) {
        return violation;
    }

    public Violation violation() {
        return violation;
    }

    public long committedIndex() {
        return committedIndex;
    }

    public long electionCount() {
        return electionCount;
    }

    public long highestLeaderTerm() {
        return highestLeaderTerm;
    }

    /** Terms that had a leader, in order. */
    public TreeMap<Long, Integer> leaders() {
        return new TreeMap<>(leaderOfTerm);
    }

    public int serverCount() {
        return serverCount;
    }
}

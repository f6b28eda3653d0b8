package io.raftsim.raft.bugs;

import io.raftsim.harness.cluster.Verdict;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Known Raft mistakes that can be planted in the model, one at a time or together, to show
 * that the checks catch them (mutation testing of the checkers, as Jepsen and the MIT 6.824
 * students' guide teach by example). Each constant changes the correct code in as few lines
 * as the real mistake does.
 *
 * <p>Planted bugs reach a cluster only through the separate constructor argument
 * {@code Cluster(spec, seed, trace, plantedBugs)}, never through {@code RaftConfig} or
 * {@code ClusterSpec}: no production setting can switch one on by accident. The model follows
 * a {@code RaftRules} object; {@link PlantedRules} plants each bug as a variant overriding only
 * the rule it breaks, and planting none gives the paper's rules themselves.
 */
public enum Bug {
    DOUBLE_VOTE(
            "a node grants a vote without looking at votedFor, so it can vote twice in one term",
            "Single Vote",
            "split votes: two candidates in one term, each asking the other (any seed with several elections)"),
    VOTE_NOT_PERSISTED(
            "the durable hard state keeps currentTerm but not votedFor, so a restarted node votes again in its term",
            "Single Vote",
            "a voter crashes and restarts within a term and a second candidate of that term asks it next (crashes with isolation or one-way cuts)"),
    VOTE_WITHOUT_LOG_CHECK(
            "a vote is granted without the §5.4.1 check that the candidate's log is at least as up-to-date",
            "Leader Completeness",
            "a node that missed committed entries (crashed, partitioned or cut off) times out and campaigns"),
    COMMIT_PREVIOUS_TERM_BY_COUNTING(
            "the leader commits an entry of an earlier term once a majority stores it, which Figure 8 shows is unsafe",
            "Leader Completeness",
            "Figure 8 with one entry per append: a leader crashes after its probe brought an old-term entry to a majority, before its no-op followed (Figure8ScriptTest)"),
    TRUNCATE_ON_MATCHING_APPEND(
            "a follower deletes everything after prevLogIndex on every non-empty AppendEntries, even when the entries already match",
            "Leader Completeness",
            "a duplicated or delayed AppendEntries arriving after a later one (duplicating or slow network) removes acknowledged entries; the follower is then elected"),
    ACCEPT_STALE_TERM_APPEND(
            "a follower processes AppendEntries from a leader of an older term instead of rejecting it (§5.1)",
            "Leader Completeness",
            "a deposed leader that was paused, cut off or partitioned sends entries after a new leader has committed"),
    IGNORE_PREV_LOG_TERM(
            "a follower checks that it has an entry at prevLogIndex but not that its term is prevLogTerm (§5.3)",
            "Log Matching",
            "a leader change that leaves followers with uncommitted entries of a deposed leader (crash or partition)"),
    REPLY_BEFORE_PERSIST(
            "a server syncs a step's writes only at its next write, so replies go out before their state is durable and a crash loses it",
            "Term Monotonicity",
            "a crash right after a step that changed the term, vote or log (crashes with storage that loses unsynced writes)"),
    DUPLICATE_APPLY(
            "the state machine has no client sessions, so a retried request that reached the log twice is applied twice",
            "Linearizability",
            "a client retries after a timeout and the request is appended by two leaders (crash, partition or loss during a request)"),
    STALE_LOCAL_READ(
            "a leader answers Get from its local state machine without confirming it still leads or has applied its term's commit",
            "Linearizability",
            "a deposed leader still reachable by a client (partition, isolation or pause of the leader)"),
    NO_TIMEOUT_RANDOMIZATION(
            "every node uses the minimum election timeout instead of a random one in [min, max) (§5.2)",
            "Liveness",
            "candidates whose timers are in step split every vote for ever; any seed without crash, pause or drift to break the symmetry"),
    LEADER_IGNORES_HIGHER_TERM_REPLY(
            "a leader does not step down when a reply carries a higher term (§5.1)",
            "Term Adoption",
            "a deposed leader that reaches a server of a newer term (after a partition, isolation or pause heals)"),
    COUNT_STALE_TERM_VOTES(
            "a candidate counts a vote granted in an earlier term (the students' guide's \"term confusion\": the reply's term is not checked)",
            "Election Safety",
            "a vote reply delayed past its candidate's next campaign (slow or duplicating network, pauses), while another node wins that term"),
    CANDIDATE_IGNORES_LEADER(
            "a candidate drops AppendEntries from the leader of its own term and stays candidate instead of converting to follower (§5.2)",
            "Election Efficiency",
            "two candidates in one term (a split or near-split election): the loser campaigns again while the winner's heartbeats reach it, deposing a working leader"),
    NO_TIMER_RESET_ON_VOTE(
            "a follower that grants a vote does not restart its election timer (Figure 2, Rules for Servers, Followers)",
            "Election Efficiency",
            "any election: a voter whose old timer runs out before the new leader's first AppendEntries arrives campaigns against the leader it just elected"),
    TRUST_STALE_REJECTION(
            "a leader trusts an AppendEntries rejection carrying its current term without matching it to a request it sent in this term, and backtracks past the end of its log",
            "Process Invariant",
            "an AppendEntries of an earlier leadership, delivered late, is rejected with the term the same server leads again, with a shorter log: requests late and replies on time, one-step backtracking without PreVote or CheckQuorum, repeated leader changes (crashes)"),
    SKIP_MEMBERSHIP_COMMIT_FIX(
            "a leader starts a single-server membership change before it has committed an entry of its own term (the 2015 bug in single-server changes)",
            "Leader Completeness",
            "a deposed leader's uncommitted change and the next leader's change, both from the same configuration, with disjoint quorums (single-server-change-bug)"),
    COUNT_LEARNER_VOTE(
            "a candidate counts a vote granted by a learner, a non-voting member, towards its majority (§4.2.1)",
            "Leader Completeness",
            "a voter cut off with a learner while the other voters commit: the learner's vote makes it leader of a later term without those entries (add-server)"),
    JOINT_COMMIT_BY_NEW_MAJORITY_ONLY(
            "while the configuration is joint (C_old,new), the leader commits an entry once a majority of the new voters stores it, without the separate majority of the old voters (§4.3)",
            "Leader Completeness",
            "a leader cut off with a majority of C_new but a minority of C_old enters the joint configuration, while C_old's majority, which never received it, elects a leader (joint-consensus)"),
    SNAPSHOT_PAST_COMMIT(
            "a server's snapshot covers its whole log, uncommitted entries included, instead of only what it applied (§7: snapshots cover just the committed entries)",
            "Snapshot Safety",
            "snapshots on and a leader with entries not yet committed when its applied count reaches the snapshot interval (client load)"),
    INSTALL_SNAPSHOT_DISCARDS_MATCHING_LOG(
            "a follower installing a snapshot discards its whole log even when it holds the snapshot's last entry, losing the entries after it (Figure 13, step 6: retain them)",
            "Snapshot Safety",
            "a delayed or duplicated InstallSnapshot reaching a follower that has since acknowledged later entries, which a leader then counts towards commitment"),
    LEASE_IGNORES_DRIFT(
            "with lease reads, the lease lasts the whole minimum election timeout on the leader's clock instead of electionTimeoutMin / (1 + drift bound) (§6.4.1)",
            "Linearizability",
            "the leader's clock runs slow, within the configured bound, while it is cut off and the others elect a leader and commit writes (`lease-ignores-drift`)"),
    READ_INDEX_WITHOUT_CONFIRMATION(
            "with ReadIndex, the leader answers a read once it has applied its read index, without the round of heartbeats that confirms it still leads (§6.4)",
            "Linearizability",
            "a deposed leader still reachable by a client (partition, isolation or pause of the leader) while the others commit writes");

    private final String description;
    private final String expectedProperty;
    private final String exposedBy;

    Bug(String description, String expectedProperty, String exposedBy) {
        this.description = description;
        this.expectedProperty = expectedProperty;
        this.exposedBy = exposedBy;
    }

    /** The mistake, in one line. */
    public String description() {
        return description;
    }

    /**
     * The property the checks report when the bug is caught: a {@code SafetyProperty} display
     * name, "Linearizability", "Liveness", or an efficiency property ("Election Efficiency",
     * "Message Efficiency"), which fail as liveness does.
     */
    public String expectedProperty() {
        return expectedProperty;
    }

    /**
     * Whether a failure of {@code property} catches this bug: its expected property, or, for a
     * bug whose effect is a leader elected without a true majority (a stale vote, a learner's
     * vote, a configuration with disjoint quorums, C_new left for before C_old,new truly committed), the other property such a leader can break first (it may lack committed entries before a second leader of its term
     * shows up).
     */
    public boolean caughtAs(String property) {
        return expectedProperty.equals(property) || this == COUNT_STALE_TERM_VOTES && "Leader Completeness".equals(property)
                || (this == SKIP_MEMBERSHIP_COMMIT_FIX || this == COUNT_LEARNER_VOTE || this == JOINT_COMMIT_BY_NEW_MAJORITY_ONLY)
                        && ("Election Safety".equals(property) || "Configuration Overlap".equals(property));
    }

    /** The class of failure the expected property belongs to. */
    public Verdict expectedVerdict() {
        return switch (expectedProperty) {
            case "Linearizability" -> Verdict.NOT_LINEARIZABLE;
            case "Liveness", "Election Efficiency", "Message Efficiency" -> Verdict.LIVENESS_FAILURE;
            default -> Verdict.SAFETY_VIOLATION;
        };
    }

    /** The names a cluster plants bugs by ({@code Cluster(spec, seed, trace, names)}, {@code --bug NAME}). */
    public static Set<String> names(Collection<Bug> bugs) {
        Set<String> names = new TreeSet<>();
        for (Bug bug : bugs) {
            names.add(bug.name());
        }
        return names;
    }

    /** The fault pattern that exposes the bug, in one line. */
    public String exposedBy() {
        return exposedBy;
    }
}

package io.raftsim.harness.check;

/** The properties checked after every step, each with the statement it guards. */
public enum SafetyProperty {
    ELECTION_SAFETY("Election Safety", "at most one leader can be elected in a given term (Figure 3, §5.2)"),
    LEADER_APPEND_ONLY("Leader Append-Only", "a leader never overwrites or deletes entries in its log; it only appends (Figure 3, §5.3)"),
    LOG_MATCHING("Log Matching", "if two logs contain an entry with the same index and term, the logs are identical in all entries up through that index (Figure 3, §5.3)"),
    LEADER_COMPLETENESS("Leader Completeness", "if a log entry is committed in a given term, it is present in the logs of the leaders of all higher terms (Figure 3, §5.4)"),
    STATE_MACHINE_SAFETY("State Machine Safety", "if a server has applied a log entry at a given index, no other server ever applies a different entry for that index (Figure 3, §5.4.3)"),
    TERM_MONOTONIC("Term Monotonicity", "a server's currentTerm never decreases, across restarts (Figure 2: currentTerm increases monotonically)"),
    SINGLE_VOTE("Single Vote", "a server votes for at most one candidate per term, across restarts (Figure 2: votedFor is persistent)"),
    TERM_ADOPTION("Term Adoption", "a server that receives an RPC request or response with term T > currentTerm sets currentTerm = T (Figure 2, Rules for All Servers, §5.1)"),
    COMMIT_MONOTONIC("Commit Monotonicity", "a server's commitIndex never decreases while it is up (Figure 2: commitIndex increases monotonically)"),
    APPLIED_STATE("Applied State", "a server's state machine equals the result of applying the committed entries through its lastApplied, after restarts too (Figure 2: apply log[lastApplied] in order; §5.4.3)"),
    LEADER_PROGRESS("Leader Progress", "a leader's view of each follower keeps 0 <= matchIndex < nextIndex <= its last index + 1 (Figure 2 nextIndex and matchIndex)"),
    CONFIGURATION_OVERLAP("Configuration Overlap", "no two configurations with disjoint quorums in the same term: every quorum of the configuration a leader uses meets every quorum of the one it used before in its term, and of the one the leader of the previous term used last (single-server changes, dissertation §4.1, with the 2015 fix)"),
    SNAPSHOT_COMMITTED("Snapshot Safety", "a snapshot covers only committed entries, the state it restores is the state the committed entries through its last index produce, and taking or installing one never removes a committed entry from the log (§7: \"each server takes snapshots independently, covering just the committed entries in its log\"; Figure 13: retain the entries following the snapshot's last one)");

    private final String displayName;
    private final String statement;

    SafetyProperty(String displayName, String statement) {
        this.displayName = displayName;
        this.statement = statement;
    }

    public String displayName() {
        return displayName;
    }

    public String statement() {
        return statement;
    }
}

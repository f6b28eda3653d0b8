package io.raftsim.scenarios.run;

/**
 * An option a swarm run may draw from its seed besides the fault kinds ({@link SwarmDraw}):
 * a Raft extension, or a property of the network for the whole run. Sweep summaries count how
 * often each was on, so a corner the search never visits shows up as a zero.
 */
public enum SwarmOption {
    PRE_VOTE("preVote"),
    CHECK_QUORUM("checkQuorum"),
    FAST_BACKTRACK("fastBacktrack"),
    /** Many entries per AppendEntries; off: one, the paper's simplest leader. */
    BATCHING("batching"),
    /** Several AppendEntries in flight per follower; off: one at a time. */
    PIPELINING("pipelining"),
    /** Requests (every message that is not a reply) take heavy-tail delays far beyond an election timeout. */
    LATE_REQUESTS("lateRequests"),
    /** Replies take heavy-tail delays far beyond an election timeout. */
    LATE_REPLIES("lateReplies"),
    /** Every link loses messages for the whole run, not only in lossy spells. */
    LOSSY_LINKS("lossyLinks"),
    /** Snapshots and log compaction (§7) every few applied entries, with InstallSnapshot to followers left behind. */
    SNAPSHOTS("snapshots"),
    /** Gets answered at a read index confirmed by a round of heartbeats (dissertation §6.4), not through the log. */
    READ_INDEX("readIndex"),
    /** Gets answered within a leader lease (§6.4.1), not through the log; drawn only where clocks stay within the bound. */
    LEASE_READS("leaseReads"),
    /** The leader is asked to hand leadership to the server after it, a few times in the run (§3.10). */
    TRANSFERS("transfers"),
    /** Some slots start spare and single-server membership changes are asked for over time (§4.1-4.2, MembershipDraw). */
    MEMBERSHIP("membership"),
    /** Several servers change at once by joint consensus (§4.3, JointDraw), the leader among them in many runs. */
    JOINT_CONSENSUS("jointConsensus");

    private final String key;

    SwarmOption(String key) {
        this.key = key;
    }

    /** The option's name in summaries, JSON and pages. */
    public String key() {
        return key;
    }

    /** The option named {@code key} in summaries, or null when no option has that name. */
    public static SwarmOption ofKey(String key) {
        for (SwarmOption option : values()) {
            if (option.key.equals(key)) {
                return option;
            }
        }
        return null;
    }
}

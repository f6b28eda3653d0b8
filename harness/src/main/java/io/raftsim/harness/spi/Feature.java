package io.raftsim.harness.spi;

/**
 * What a scenario may need of an implementation. A scenario that needs a feature an
 * implementation lacks is skipped, with the feature named, never failed.
 */
public enum Feature {
    /** Dissertation §9.6: a pre-election round that changes no term. */
    PRE_VOTE,
    /** Dissertation §6.2: a leader steps down when it has not heard from a majority. */
    CHECK_QUORUM,
    /** §5.3's conflict-term hint as an option. */
    FAST_BACKTRACK,
    /** At most N entries per AppendEntries, as an option. */
    BATCHING,
    /** Several unacknowledged AppendEntries per follower, as an option. */
    PIPELINING,
    /** The election-timer rule on adopting a higher term, as an option (docs/election-timer.md). */
    TIMER_RESET_OPTION,
    /**
     * A new leader's no-op entry (§8) can be turned off ({@code RaftConfig.leaderNoOp}), so
     * a scenario's log indexes hold only client commands.
     */
    LEADER_NO_OP_OPTION,
    /**
     * The probe tells which client command a log entry holds ({@code ServerProbe.holdsClientCommand}),
     * so a check may name an entry by the command submitted rather than by its index.
     */
    COMMAND_PROBE,
    /** Each election timeout and heartbeat interval honoured to the microsecond as configured. */
    EXACT_TIMING,
    /** A scenario may stage each server's first election timeout. */
    STAGED_ELECTION_TIMEOUTS,
    /** A server may start from a durable state written before the run (Figure 8). */
    PRELOAD,
    /** Snapshots and log compaction. */
    SNAPSHOTS,
    /** Membership changes. */
    MEMBERSHIP_CHANGES,
    /** Changes of several servers at once through a joint configuration (dissertation §4.3, {@link JointMembershipChange}). */
    JOINT_CONSENSUS,
    /** Leadership transfer. */
    LEADERSHIP_TRANSFER,
    /** Dissertation §6.4: reads answered at a read index confirmed by a round of heartbeats, without the log. */
    READ_INDEX,
    /** Dissertation §6.4.1: reads answered within a leader lease bounded by the clock drift bound. */
    LEASE_READS
}

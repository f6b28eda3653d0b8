package io.raftsim.harness.event;

import io.raftsim.harness.spi.ReplicationState;
import io.raftsim.harness.spi.Role;

import java.util.List;

/**
 * Things a server reports for traces and timelines, in one vocabulary for every
 * implementation; never read back by the server itself.
 */
public sealed interface RaftEvent {
    /** The timer id an implementation reports in {@link TimerArmed} for its election timer, so a timeline can draw it. */
    int ELECTION_TIMER = 0;

    /** A role change, or a follower moving to a later term ({@code from == to}); {@code term} is the term after it. */
    record RoleChanged(int node, Role from, Role to, long term) implements RaftEvent {
    }

    record VoteGranted(int node, int candidate, long term, boolean preVote) implements RaftEvent {
    }

    /**
     * A vote (or pre-vote) refused, and why: the request's term is behind ours (§5.1), we
     * already voted for another candidate in this term (§5.2), the candidate's log is not at
     * least as up-to-date as ours (§5.4.1), or we heard from a live leader too recently to
     * listen (CheckQuorum, dissertation §4.2.3; no reply is sent then).
     */
    record VoteRefused(int node, int candidate, long term, boolean preVote, Reason reason) implements RaftEvent {
        public enum Reason { STALE_TERM, ALREADY_VOTED, LOG_NOT_UP_TO_DATE, LEADER_ALIVE }
    }

    /**
     * The host armed timer {@code timer} ({@link #ELECTION_TIMER} for the election timer) to fire after
     * {@code delayMicros} of the node's local time, or cancelled it ({@code delayMicros == -1}).
     * Reported by the host, which alone carries out timers; it lets a timeline draw each
     * election timer counting down and restarting (RaftScope's picture).
     */
    record TimerArmed(int node, int timer, long delayMicros) implements RaftEvent {
    }

    record CommitAdvanced(int node, long fromIndex, long toIndex) implements RaftEvent {
    }

    /** A leader's view of one follower changed (§5.3 nextIndex and matchIndex, plus the progress state). */
    record ProgressChanged(int leader, int follower, long nextIndex, long matchIndex, ReplicationState state) implements RaftEvent {
    }

    /** Entries {@code fromIndex..toIndex} were appended; {@code terms} holds their terms in order. */
    record LogAppended(int node, long fromIndex, long toIndex, List<Long> terms) implements RaftEvent {
        public LogAppended {
            terms = List.copyOf(terms);
        }
    }

    /** Entries {@code fromIndex..previousLastIndex} were removed because they conflicted with the leader's (§5.3). */
    record LogTruncated(int node, long fromIndex, long previousLastIndex) implements RaftEvent {
    }

    /** The state machine applied entry {@code index} of {@code term}. */
    record Applied(int node, long index, long term, String command) implements RaftEvent {
    }

    /**
     * A node (re)started from what it persisted: its term, vote and log length. A restarted
     * node's volatile state starts fresh (follower, commit index 0), so this is all a trace
     * reader needs to rebuild the node after a crash.
     */
    record Restored(int node, long term, int votedFor, long lastIndex, long lastTerm) implements RaftEvent {
    }

    /**
     * The configuration the node uses changed (dissertation §4.1): an entry holding one was
     * appended at {@code index}, or removed so that the one before it (at {@code index}, 0 for
     * the initial configuration) applies again. Voters and learners ascending; while the
     * configuration is joint (C_old,new, §4.3), {@code voters} are C_new's and
     * {@code outgoingVoters} C_old's, else empty.
     */
    record ConfigurationChanged(int node, long index, List<Integer> voters, List<Integer> learners, List<Integer> outgoingVoters) implements RaftEvent {
        public ConfigurationChanged {
            voters = List.copyOf(voters);
            learners = List.copyOf(learners);
            outgoingVoters = List.copyOf(outgoingVoters);
        }

        /** A configuration that is not joint. */
        public ConfigurationChanged(int node, long index, List<Integer> voters, List<Integer> learners) {
            this(node, index, voters, learners, List.of());
        }
    }

    /**
     * The node's state machine took a snapshot through {@code lastIndex} (of {@code lastTerm}) and
     * its log was compacted through it (§7); {@code keptEntries} entries follow it in the log.
     */
    record SnapshotTaken(int node, long lastIndex, long lastTerm, long keptEntries) implements RaftEvent {
    }

    /**
     * The node installed {@code leader}'s snapshot through {@code lastIndex} (Figure 13): its
     * state machine is the snapshot's, and its log kept the entries after the snapshot when it
     * held the snapshot's last entry ({@code logRetained}, step 6), or was discarded (step 7).
     */
    record SnapshotInstalled(int node, int leader, long lastIndex, long lastTerm, boolean logRetained) implements RaftEvent {
    }
}

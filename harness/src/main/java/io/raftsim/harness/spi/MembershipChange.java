package io.raftsim.harness.spi;

/**
 * One single-server membership change (dissertation §4.1-4.2), as a scenario asks the leader
 * for it: a new server joins as a learner (a non-voting member that catches up first, §4.2.1),
 * a learner becomes a voter, or a server (a voter, a learner, the leader itself) leaves.
 *
 * @param kind   what changes
 * @param server the server it concerns, 0-based
 */
public record MembershipChange(Kind kind, int server) {
    public MembershipChange {
        if (server < 0) {
            throw new IllegalArgumentException("no server " + server);
        }
    }

    public enum Kind {
        /** The server joins as a learner: it is replicated to but neither votes nor counts (§4.2.1). */
        ADD_LEARNER("addServer"),
        /** A caught-up learner becomes a voter: a single-server addition (§4.1). */
        PROMOTE_LEARNER("promoteLearner"),
        /** A voter or a learner leaves; a leader that removes itself steps down once the change commits (§4.2.2). */
        REMOVE_SERVER("removeServer");

        private final String action;

        Kind(String action) {
            this.action = action;
        }

        /** The scenario action that asks for it. */
        public String action() {
            return action;
        }
    }

    /** What the server asked answered. Only {@link #ACCEPTED} appended a configuration entry. */
    public enum Answer {
        ACCEPTED,
        /** Asked of a server that does not lead. */
        NOT_LEADER,
        /**
         * An earlier change is not committed yet: at most one uncommitted change at a time (§4.1);
         * after a joint change (§4.3), until C_new is appended.
         */
        CHANGE_PENDING,
        /**
         * The leader has not committed an entry of its own term yet: the 2015 fix to single-server
         * changes (Ongaro, raft-dev, "bug in single-server membership changes").
         */
        NO_COMMIT_IN_TERM,
        /**
         * The change means nothing in the current configuration: adding a member, promoting a
         * non-learner, removing a non-member or the last voter (for a {@link JointMembershipChange},
         * also making a voter a voter again or a voter of C_old a learner of C_new, which the model does not do).
         */
        NOT_APPLICABLE,
        /** The implementation has no membership changes. */
        UNSUPPORTED
    }

    /** As traces and summaries show it: {@code addServer n4}. */
    public String describe() {
        return kind.action() + " n" + (server + 1);
    }
}

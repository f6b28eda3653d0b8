package io.raftsim.scenarios.format;

/**
 * A condition a scenario must reach, checked at the end of the run. Safety properties are
 * always checked and need no listing; these say what the scenario is about.
 */
public sealed interface Expectation {
    /** The name used in scenario files. */
    String name();

    /** One line saying what it requires. */
    String describe();

    /** The name with its parameter, e.g. {@code electionsAtMost 3}: what sweep summaries count by. */
    default String key() {
        return name();
    }

    /**
     * Whether missing this condition means something happened that should not have (too many
     * elections), rather than that something did not happen. Only such a miss can be shrunk:
     * a smaller run trivially reaches less.
     */
    default boolean missMeansSomethingHappened() {
        return false;
    }

    /** A leader was elected (within {@code withinMs} of the start, when given). */
    record LeaderElected(Long withinMs) implements Expectation {
        @Override
        public String name() {
            return withinMs == null ? "leaderElected" : "leaderElectedWithinMs";
        }

        @Override
        public String describe() {
            return withinMs == null ? "a leader is elected" : "a leader is elected within " + withinMs + " ms";
        }

        @Override
        public String key() {
            return withinMs == null ? name() : name() + " " + withinMs;
        }
    }

    /** Two different servers were leader during the run. */
    record LeaderChanged() implements Expectation {
        @Override
        public String name() {
            return "leaderChanged";
        }

        @Override
        public String describe() {
            return "leadership moves to another server";
        }
    }

    /** A term in which two or more candidates campaigned and nobody won (§5.2). */
    record SplitVote() implements Expectation {
        @Override
        public String name() {
            return "splitVote";
        }

        @Override
        public String describe() {
            return "a term with two or more candidates and no leader";
        }
    }

    /** Two servers believed they were leader at the same virtual time, in different terms. */
    record SplitBrainLeaders() implements Expectation {
        @Override
        public String name() {
            return "splitBrainLeaders";
        }

        @Override
        public String describe() {
            return "two servers lead at once, in different terms";
        }
    }

    /** A server discarded uncommitted entries from its log (§5.3). */
    record Rollback() implements Expectation {
        @Override
        public String name() {
            return "rollback";
        }

        @Override
        public String describe() {
            return "a server discards uncommitted entries";
        }
    }

    /**
     * A server installed a leader's snapshot (§7, Figure 13): its snapshot came to cover entries
     * its own log never held, as only an InstallSnapshot can make it.
     */
    record SnapshotInstalled() implements Expectation {
        @Override
        public String name() {
            return "snapshotInstalled";
        }

        @Override
        public String describe() {
            return "a server installs a leader's snapshot";
        }
    }

    /** The cluster committed at least {@code atLeast} entries (no-ops of new leaders count). */
    record Committed(long atLeast) implements Expectation {
        @Override
        public String name() {
            return "committedAtLeast";
        }

        @Override
        public String describe() {
            return "at least " + atLeast + " entries are committed";
        }

        @Override
        public String key() {
            return name() + " " + atLeast;
        }
    }

    /** At least {@code count} leaders were elected: the cluster kept losing its leader. */
    record ElectionsAtLeast(long count) implements Expectation {
        @Override
        public String name() {
            return "electionsAtLeast";
        }

        @Override
        public String describe() {
            return "at least " + count + " elections";
        }

        @Override
        public String key() {
            return name() + " " + count;
        }
    }

    /** At most {@code count} leaders were elected: leadership stayed stable. */
    record ElectionsAtMost(long count) implements Expectation {
        @Override
        public String name() {
            return "electionsAtMost";
        }

        @Override
        public String describe() {
            return "at most " + count + " elections";
        }

        @Override
        public String key() {
            return name() + " " + count;
        }

        @Override
        public boolean missMeansSomethingHappened() {
            return true;
        }
    }

    /** The client history was checked and is linearizable, with at least one completed operation. */
    record Linearizable() implements Expectation {
        @Override
        public String name() {
            return "linearizable";
        }

        @Override
        public String describe() {
            return "the client history is proven linearizable";
        }
    }

    /**
     * The liveness phase passes: after every fault is undone a leader commits an entry of its
     * term, and every pending client operation completes, each within the liveness bound.
     */
    record Live() implements Expectation {
        @Override
        public String name() {
            return "live";
        }

        @Override
        public String describe() {
            return "after healing, a leader is elected and every client operation completes";
        }
    }

    /**
     * The linearizability checker finds the client history not linearizable: the scenario runs
     * a configuration known to be unsafe (lease reads while clocks drift beyond the bound the
     * lease assumes, §6.4.1) and shows that the checks catch what it breaks. With it, a
     * NOT_LINEARIZABLE verdict is the scenario passing; a history proven linearizable, or
     * undecided, misses it (exit code 4). Every other check still fails the run as usual.
     */
    record LinearizabilityViolation() implements Expectation {
        @Override
        public String name() {
            return "linearizabilityViolation";
        }

        @Override
        public String describe() {
            return "the linearizability checker catches a stale result";
        }
    }
}

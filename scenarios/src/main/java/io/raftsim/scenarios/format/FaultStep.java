package io.raftsim.scenarios.format;

import java.util.List;

/**
 * One timed entry of a scenario's {@code faults} list. Servers are named by {@link NodeRef}
 * and resolved when the step runs, so {@code leader} means the leader at that moment.
 */
public sealed interface FaultStep {
    /** Virtual time of the step, in microseconds from the start of the run (files say {@code atMs}, fractions allowed). */
    long atMicros();

    /** The {@code action} name used in scenario files. */
    String action();

    /** The same step at another time. */
    FaultStep at(long micros);

    /** Cuts every link between servers of different groups; clients keep all their links. */
    record Partition(long atMicros, List<List<NodeRef>> groups) implements FaultStep {
        public Partition {
            groups = groups.stream().map(List::copyOf).toList();
        }

        @Override
        public String action() {
            return "partition";
        }

        @Override
        public FaultStep at(long micros) {
            return new Partition(micros, groups);
        }
    }

    /** Cuts both directions of every link of one server. */
    record Isolate(long atMicros, NodeRef node) implements FaultStep {
        @Override
        public String action() {
            return "isolate";
        }

        @Override
        public FaultStep at(long micros) {
            return new Isolate(micros, node);
        }
    }

    /** One direction only: {@code from}'s messages no longer reach {@code to}. */
    record Cut(long atMicros, NodeRef from, NodeRef to) implements FaultStep {
        @Override
        public String action() {
            return "cut";
        }

        @Override
        public FaultStep at(long micros) {
            return new Cut(micros, from, to);
        }
    }

    /** Restores every cut link (link settings stay as they are). */
    record Heal(long atMicros) implements FaultStep {
        @Override
        public String action() {
            return "heal";
        }

        @Override
        public FaultStep at(long micros) {
            return new Heal(micros);
        }
    }

    /** A node-targeted action: crash, restart, pause or resume. */
    record NodeAction(long atMicros, String action, NodeRef node) implements FaultStep {
        public static final List<String> ACTIONS = List.of("crash", "restart", "pause", "resume");

        public NodeAction {
            if (!ACTIONS.contains(action)) {
                throw new IllegalArgumentException("not a node action: " + action);
            }
        }

        @Override
        public FaultStep at(long micros) {
            return new NodeAction(micros, action, node);
        }
    }

    /** The node's clock runs at {@code rate} from now on (1.0 is true time). */
    record Drift(long atMicros, NodeRef node, double rate) implements FaultStep {
        @Override
        public String action() {
            return "drift";
        }

        @Override
        public FaultStep at(long micros) {
            return new Drift(micros, node, rate);
        }
    }

    /**
     * New network settings from now on, for every link or, with {@code from} and {@code to},
     * for one directed link between two servers. {@code replies}, when not null, replaces the
     * reply settings ({@link NetworkSettings#replies()}; empty: replies go as requests); null
     * keeps them.
     */
    record Network(long atMicros, NetworkPatch patch, NodeRef from, NodeRef to, NetworkPatch replies) implements FaultStep {
        public Network(long atMicros, NetworkPatch patch, NodeRef from, NodeRef to) {
            this(atMicros, patch, from, to, null);
        }

        /** {@code settings} with this step's changes. */
        public NetworkSettings applyTo(NetworkSettings settings) {
            NetworkSettings changed = settings.with(patch);
            return replies == null ? changed : changed.withReplies(replies);
        }

        @Override
        public String action() {
            return "network";
        }

        @Override
        public FaultStep at(long micros) {
            return new Network(micros, patch, from, to, replies);
        }

        public boolean oneLink() {
            return from != null;
        }
    }

    /** Clients issue {@code count} operations beyond their workload, at once. */
    record ClientBurst(long atMicros, int count) implements FaultStep {
        @Override
        public String action() {
            return "clientBurst";
        }

        @Override
        public FaultStep at(long micros) {
            return new ClientBurst(micros, count);
        }
    }
}

package io.raftsim.scenarios.format;

import io.raftsim.harness.spi.MembershipChange;

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

    /**
     * A node-targeted action: crash, restart, pause, resume, or reconnect (undo the server's
     * cuts, but not its links with servers still cut off from all others: the course harness's
     * connect).
     */
    record NodeAction(long atMicros, String action, NodeRef node) implements FaultStep {
        public static final List<String> ACTIONS = List.of("crash", "restart", "pause", "resume", "reconnect");

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
     * keeps them. {@code clients}, likewise, replaces the client-link settings
     * ({@link NetworkSettings#clients()}; empty: client links go as server links), null keeps
     * them; a one-link step (between two servers) has none.
     */
    record Network(long atMicros, NetworkPatch patch, NodeRef from, NodeRef to, NetworkPatch replies, ClientLinks clients) implements FaultStep {
        public Network {
            if (from != null && clients != null) {
                throw new IllegalArgumentException("a one-link network step is between two servers: no client links");
            }
        }

        public Network(long atMicros, NetworkPatch patch, NodeRef from, NodeRef to) {
            this(atMicros, patch, from, to, null, null);
        }

        public Network(long atMicros, NetworkPatch patch, NodeRef from, NodeRef to, NetworkPatch replies) {
            this(atMicros, patch, from, to, replies, null);
        }

        /** {@code settings} with this step's changes. */
        public NetworkSettings applyTo(NetworkSettings settings) {
            NetworkSettings changed = settings.with(patch);
            changed = replies == null ? changed : changed.withReplies(replies);
            return clients == null ? changed : changed.withClients(clients);
        }

        @Override
        public String action() {
            return "network";
        }

        @Override
        public FaultStep at(long micros) {
            return new Network(micros, patch, from, to, replies, clients);
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

    /**
     * A mid-run check: from this step, {@code condition} must come to hold within
     * {@code windowMicros} or, for a condition that holds over a window, hold at every step
     * for that long. A counting condition may instead end its window when {@code until}
     * comes to hold, which it must within {@code windowMicros}. Missing it ends the run as
     * CHECK_FAILED.
     *
     * @param until null, or for a counting condition the condition that ends its window
     */
    record Check(long atMicros, Condition condition, long windowMicros, Condition until) implements FaultStep {
        public Check {
            if (windowMicros <= 0) {
                throw new IllegalArgumentException("a check needs a window: " + windowMicros);
            }
            if (until != null && (!condition.kind().counted() || until.kind().throughout())) {
                throw new IllegalArgumentException("only a count's window ends when a condition comes to hold: " + condition + " until " + until);
            }
        }

        public Check(long atMicros, Condition condition, long windowMicros) {
            this(atMicros, condition, windowMicros, null);
        }

        /** The window field as written: withinMs for a window that ends when {@code until} holds. */
        public String windowField() {
            return until != null ? "withinMs" : condition.kind().windowField();
        }

        @Override
        public String action() {
            return "check";
        }

        @Override
        public FaultStep at(long micros) {
            return new Check(micros, condition, windowMicros, until);
        }
    }

    /**
     * Clients submit exactly {@code count} commands, each first sent to {@code node} (leader or
     * not: a follower redirects it), or {@code count} to every server when {@code node} is null
     * ({@code "all"}). Each is an operation of the history, like any other.
     */
    record Submit(long atMicros, int count, NodeRef node) implements FaultStep {
        @Override
        public String action() {
            return "submit";
        }

        @Override
        public FaultStep at(long micros) {
            return new Submit(micros, count, node);
        }
    }

    /**
     * Asks the leader of the moment to hand leadership to {@code node} (dissertation §3.10,
     * TimeoutNow). Skipped when nobody leads or {@code node} names no server then; the leader
     * refuses a transfer to itself. Needs {@code Feature.LEADERSHIP_TRANSFER}.
     */
    record TransferLeadership(long atMicros, NodeRef node) implements FaultStep {
        @Override
        public String action() {
            return "transferLeadership";
        }

        @Override
        public FaultStep at(long micros) {
            return new TransferLeadership(micros, node);
        }
    }

    /** Stops ({@code stopClients}) or starts ({@code startClients}) the clients' own workload; submits still go. */
    record Clients(long atMicros, boolean issuing) implements FaultStep {
        @Override
        public String action() {
            return issuing ? "startClients" : "stopClients";
        }

        @Override
        public FaultStep at(long micros) {
            return new Clients(micros, issuing);
        }
    }

    /** Names the server {@code node} resolves to now, for later steps to call it {@code $name}. */
    record Bind(long atMicros, String name, NodeRef node) implements FaultStep {
        @Override
        public String action() {
            return "bind";
        }

        @Override
        public FaultStep at(long micros) {
            return new Bind(micros, name, node);
        }
    }

    /**
     * Another step with a binding ({@code "bind"}: the server its {@code node} resolved to is
     * named), a wait ({@code "when"}: it runs at the first step {@code when} holds, at or after
     * its time, or the run fails at {@code whenWithinMicros} later), a drawn wait
     * ({@code "waitMs"}: it runs a while drawn from the seed after its time, resolved before the
     * run by {@link #resolveWaits}), a guard ({@code "ifUpBelow"}: it runs only when fewer than
     * that many servers are up, else it is skipped; {@code "ifConnectedBelow"}: fewer up and not
     * cut off from every other server, the course harness's count of connected servers), or
     * several of these.
     *
     * @param bind the name bound, or null
     * @param when the condition waited for, or null
     * @param drawnWait the drawn wait, or null; never together with {@code when}
     * @param ifUpBelow 0, or the step runs only while fewer than this many servers are up
     * @param ifConnectedBelow 0, or the step runs only while fewer than this many servers are up and not cut off
     */
    record Staged(FaultStep step, String bind, Condition when, long whenWithinMicros, DrawnWait drawnWait, int ifUpBelow,
                  int ifConnectedBelow) implements FaultStep {
        public Staged {
            if (step instanceof Staged || step instanceof Check || step instanceof Bind && bind != null) {
                throw new IllegalArgumentException("cannot stage " + step);
            }
            if (bind == null && when == null && drawnWait == null && ifUpBelow == 0 && ifConnectedBelow == 0) {
                throw new IllegalArgumentException("a staged step binds, waits, draws a wait or is guarded");
            }
            if (when != null && (when.kind().throughout() || whenWithinMicros <= 0)) {
                throw new IllegalArgumentException("a step waits for a condition to come to hold, within a bound: " + when);
            }
            if (when != null && drawnWait != null || ifUpBelow < 0 || ifConnectedBelow < 0 || step instanceof Network && drawnWait != null) {
                throw new IllegalArgumentException("a drawn wait goes with no when and on no network step, a guard is positive: " + step);
            }
        }

        public Staged(FaultStep step, String bind, Condition when, long whenWithinMicros) {
            this(step, bind, when, whenWithinMicros, null, 0, 0);
        }

        public Staged(FaultStep step, String bind, Condition when, long whenWithinMicros, DrawnWait drawnWait, int ifUpBelow) {
            this(step, bind, when, whenWithinMicros, drawnWait, ifUpBelow, 0);
        }

        /** True when the step runs only below a count of servers. */
        public boolean guarded() {
            return ifUpBelow > 0 || ifConnectedBelow > 0;
        }

        @Override
        public long atMicros() {
            return step.atMicros();
        }

        @Override
        public String action() {
            return step.action();
        }

        @Override
        public FaultStep at(long micros) {
            return new Staged(step.at(micros), bind, when, whenWithinMicros, drawnWait, ifUpBelow, ifConnectedBelow);
        }

        /** The latest virtual time the step can run: its time, plus the wait's bound or the longest drawn wait. */
        public long latestMicros() {
            return atMicros() + (when == null ? 0 : whenWithinMicros) + (drawnWait == null ? 0 : drawnWait.longestMicros());
        }

        /** The step after its drawn wait, at the time it runs in the run of {@code seed}; itself without one. */
        FaultStep waited(long seed) {
            if (drawnWait == null) {
                return this;
            }
            FaultStep moved = step.at(atMicros() + drawnWait.drawMicros(seed, atMicros()));
            return bind == null && !guarded() ? moved : new Staged(moved, bind, null, 0, null, ifUpBelow, ifConnectedBelow);
        }
    }

    /**
     * The steps with their drawn waits ({@code waitMs}) resolved for {@code seed}: each runs at its
     * time plus its wait, the list order kept (steps at one time run in that order). The runner
     * runs this, and {@code raftsim shrink} writes it, so a shrunk file replays without drawing.
     */
    static List<FaultStep> resolveWaits(List<FaultStep> steps, long seed) {
        return steps.stream().map(step -> step instanceof Staged staged ? staged.waited(seed) : step).toList();
    }

    /** True when some step draws a wait. */
    static boolean drawsWaits(List<FaultStep> steps) {
        return steps.stream().anyMatch(step -> step instanceof Staged staged && staged.drawnWait() != null);
    }

    /**
     * A single-server membership change (dissertation §4.1-4.2) asked of the server that leads
     * when the step runs: {@code addServer} (it joins as a learner, §4.2.1), {@code promoteLearner}
     * or {@code removeServer} (the leader itself included, §4.2.2). A leader that refuses (an
     * earlier change not committed yet, no entry of its term committed yet) is recorded in the
     * trace; the step does not retry.
     */
    record Membership(long atMicros, MembershipChange.Kind kind, NodeRef node) implements FaultStep {
        @Override
        public String action() {
            return kind.action();
        }

        @Override
        public FaultStep at(long micros) {
            return new Membership(micros, kind, node);
        }
    }

    /**
     * A change of several servers at once by joint consensus (dissertation §4.3) asked of the
     * server that leads when the step runs: {@code addVoters} become voters (learners promoted,
     * spare servers added as voters at once), {@code addLearners} join as learners and
     * {@code removeServers} leave (the leader itself included). The leader appends C_old,new and,
     * once it commits, C_new. As for {@link Membership}, a refusal is recorded in the trace and
     * not retried. At least one server named; none named twice.
     */
    record JointChange(long atMicros, List<NodeRef> addVoters, List<NodeRef> addLearners, List<NodeRef> removeServers) implements FaultStep {
        public JointChange {
            addVoters = List.copyOf(addVoters);
            addLearners = List.copyOf(addLearners);
            removeServers = List.copyOf(removeServers);
            if (addVoters.isEmpty() && addLearners.isEmpty() && removeServers.isEmpty()) {
                throw new IllegalArgumentException("a changeMembership step names at least one server");
            }
        }

        /** Every server the step names, in the order of its fields. */
        public List<NodeRef> named() {
            List<NodeRef> all = new java.util.ArrayList<>(addVoters);
            all.addAll(addLearners);
            all.addAll(removeServers);
            return all;
        }

        @Override
        public String action() {
            return "changeMembership";
        }

        @Override
        public FaultStep at(long micros) {
            return new JointChange(micros, addVoters, addLearners, removeServers);
        }
    }

    /** The step itself, without a binding or a wait. */
    static FaultStep plain(FaultStep step) {
        return step instanceof Staged staged ? staged.step() : step;
    }
}

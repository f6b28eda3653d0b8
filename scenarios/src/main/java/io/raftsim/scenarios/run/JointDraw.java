package io.raftsim.scenarios.run;

import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The joint-consensus changes a swarm run draws from its seed (stream "swarm-joint"): several
 * servers at once (dissertation §4.3; etcd's {@code ConfChangeV2}), asked of whichever server
 * leads at drawn times, so that the leader appends C_old,new, in which elections and commitment
 * need separate majorities of the old and the new voters, and then C_new. Without these draws
 * the {@code random} sweep never met a joint configuration: a mistake of its quorum rules
 * (JOINT_COMMIT_BY_NEW_MAJORITY_ONLY, docs/bugs.md) was only ever seen in {@code joint-consensus}.
 *
 * <p>Each change has one of four shapes: <em>replace</em> (voters leave and learners become
 * voters in the same change, possibly every old voter at once, so that C_old and C_new share no
 * server), <em>grow</em> (learners become voters), <em>shrink</em> (voters leave) and, while there
 * is no learner to promote, <em>join</em> (spare servers join as learners; the voters do not change,
 * so that one is appended directly). A removed voter is often the leader (a change may remove several,
 * up to all of C_old), which then steps down once C_new commits. On a coin, the spare servers join
 * as learners alongside a change, or the learners leave with a shrink. Servers become voters only
 * from learners, which have been catching up since an earlier change, as dissertation §4.2.1 asks:
 * the first version of this draw also made spare servers voters at once, and seed 345 of
 * 1..2000 then failed the liveness phase for a reason that is no mistake of Raft's (C_new was two
 * such servers, hundreds of entries behind, fed one entry per append with one-step backtracking:
 * more than the 3 s the liveness phase allows, which is the availability gap §4.2.1 describes).
 *
 * <p>As in {@link MembershipDraw}, the changes are planned against the configuration they would
 * make if every earlier change (this stream's and the single-server ones drawn in the same run,
 * in time order) were accepted; C_new keeps at least {@link #MIN_VOTERS} voters. A leader may
 * refuse one (a change under way, which for a joint change lasts until C_new is appended; no
 * entry of its term committed): the refusal is in the trace and the run goes on, and a later
 * change the drifted plan makes meaningless is answered {@code NOT_APPLICABLE}. At least one voter
 * is left whatever is refused, so the liveness phase can elect a leader.
 *
 * <p>The stream is drawn a fixed number of times whatever comes out, and is its own, so a seed
 * whose coin says no runs exactly as it did before joint changes were drawn.
 *
 * @param initialMembers the voters at the start (0-based, ascending); empty when this draw made no slot spare
 * @param steps          the drawn changes, in time order
 */
public record JointDraw(List<Integer> initialMembers, List<FaultStep> steps) {
    /** No joint change drawn. */
    public static final JointDraw NONE = new JointDraw(List.of(), List.of());

    /**
     * Joint changes are drawn in this share of runs. A fifth, below the single-server quarter: a
     * joint change takes out more servers at once, so it makes every other mistake rarer to meet
     * for longer, and four runs in five keep the configurations where those were measured.
     */
    static final double JOINT_CHANCE = 0.2;
    /** When neither the scenario nor a single-server draw decided the initial voters, between one and this many slots start spare, so a change has servers to add. */
    static final int MAX_SPARE_SERVERS = 2;
    /** C_new keeps at least this many voters, as {@link MembershipDraw#MIN_VOTERS}. */
    static final int MIN_VOTERS = MembershipDraw.MIN_VOTERS;
    /**
     * Between one and this many changes are drawn, as many as single-server changes: a change
     * meets the bug of its quorum rules only when a partition splits C_old from C_new at that moment,
     * and with at most three, seeds 1..2000 never did (JOINT_COMMIT_BY_NEW_MAJORITY_ONLY); with six, seed 176 does.
     */
    static final int MAX_CHANGES = 6;

    /** What one change does to the voters. */
    enum Shape {
        /** Voters leave and learners become voters in the same change. */
        REPLACE,
        /** Learners become voters, no voter leaves. */
        GROW,
        /** Voters leave, none joins. */
        SHRINK,
        /**
         * Spare servers join as learners, the voters unchanged (appended directly, not joint): the
         * stage before a change makes them voters, when no learner is there to promote yet.
         */
        JOIN
    }

    public JointDraw {
        initialMembers = List.copyOf(initialMembers);
        steps = List.copyOf(steps);
    }

    public boolean drawn() {
        return !steps.isEmpty();
    }

    /** The draws of one change, all made whatever the change turns out to be. */
    private record Draws(long atMicros, int shape, int removeCount, int addCount, boolean learnerCoin, long[] order) {
    }

    /**
     * What {@code random} draws for a scenario of {@code nodes} servers whose initial voters are
     * {@code members}, running {@code durationMs}, next to the single-server changes {@code single}
     * drawn for the same run; {@link #NONE} when the coin says no or the implementation has no
     * joint consensus.
     */
    static JointDraw draw(RandomStream random, List<Integer> members, int nodes, long durationMs, boolean supported, MembershipDraw single) {
        boolean heads = random.chance(JOINT_CHANCE);
        int spare = 1 + random.nextInt(MAX_SPARE_SERVERS);
        int changes = 1 + random.nextInt(MAX_CHANGES);
        long firstMicros = Time.ms(MembershipDraw.FIRST_CHANGE_MS);
        long lastMicros = Math.max(firstMicros + 1, (long) (Time.ms(durationMs) * MembershipDraw.LAST_CHANGE_SHARE));
        Draws[] draws = new Draws[MAX_CHANGES];
        for (int i = 0; i < MAX_CHANGES; i++) {
            // Whole milliseconds, so a shrunk file written with atMs replays the same times.
            long atMicros = Time.ms(random.nextLong(firstMicros / 1000, lastMicros / 1000));
            int shape = random.nextInt(Shape.values().length);
            int removeCount = random.nextInt(Math.max(1, nodes));
            int addCount = random.nextInt(Math.max(1, nodes));
            boolean learnerCoin = random.chance(0.5);
            long[] order = new long[Math.max(0, nodes)];
            for (int server = 0; server < order.length; server++) {
                order[server] = random.nextLong();
            }
            draws[i] = new Draws(atMicros, shape, removeCount, addCount, learnerCoin, order);
        }
        if (!heads || !supported || nodes < 2) {
            return NONE;
        }
        // Slots start spare only when nothing else decided the initial voters: a single-server draw
        // planned its changes against its own (all of them, or its spare slots), which this keeps.
        List<Integer> start = single.initialMembers().isEmpty() ? members : single.initialMembers();
        spare = start.size() < nodes || single.drawn() ? 0 : Math.min(spare, nodes - MIN_VOTERS);
        Plan plan = new Plan();
        for (int server = 0; server < nodes; server++) {
            (start.contains(server) && server < nodes - spare ? plan.voters : plan.outside).add(server);
        }
        List<Integer> initial = List.copyOf(plan.voters);
        Draws[] chosen = Arrays.copyOf(draws, changes);
        Arrays.sort(chosen, Comparator.comparingLong(Draws::atMicros));
        List<FaultStep> steps = new ArrayList<>();
        int singleNext = 0;
        for (Draws change : chosen) {
            // The single-server changes asked before this one, as if each were accepted.
            while (singleNext < single.steps().size() && single.steps().get(singleNext).atMicros() <= change.atMicros()) {
                plan.apply((FaultStep.Membership) single.steps().get(singleNext++));
            }
            FaultStep.JointChange step = plan.next(change);
            if (step != null) {
                steps.add(step);
            }
        }
        return new JointDraw(spare == 0 ? List.of() : initial, steps);
    }

    /** The configuration the changes so far would make: voters, learners, and the slots outside it. */
    private static final class Plan {
        final TreeSet<Integer> voters = new TreeSet<>();
        final TreeSet<Integer> learners = new TreeSet<>();
        final TreeSet<Integer> outside = new TreeSet<>();

        /** A single-server change, where it applies (the model answers the others NOT_APPLICABLE). */
        void apply(FaultStep.Membership change) {
            int server = change.node().index();
            switch (change.kind()) {
                case ADD_LEARNER -> {
                    if (outside.remove(server)) {
                        learners.add(server);
                    }
                }
                case PROMOTE_LEARNER -> {
                    if (learners.remove(server)) {
                        voters.add(server);
                    }
                }
                case REMOVE_SERVER -> {
                    if (learners.remove(server) || voters.size() > 1 && voters.remove(server)) {
                        outside.add(server);
                    }
                }
            }
        }

        /** The change these draws make of the planned configuration, which it then becomes; null when no shape applies. */
        FaultStep.JointChange next(Draws draws) {
            List<Shape> possible = new ArrayList<>();
            if (!learners.isEmpty() && voters.size() >= MIN_VOTERS) {
                possible.add(Shape.REPLACE);
            }
            if (!learners.isEmpty()) {
                possible.add(Shape.GROW);
            }
            if (voters.size() > MIN_VOTERS) {
                possible.add(Shape.SHRINK);
            }
            if (learners.isEmpty() && !outside.isEmpty()) {
                possible.add(Shape.JOIN);
            }
            if (possible.isEmpty()) {
                return null;
            }
            Shape shape = possible.get(draws.shape() % possible.size());
            List<Integer> addVoters = List.of();
            List<Integer> removeServers = List.of();
            List<Integer> addLearners = List.of();
            switch (shape) {
                case REPLACE -> {
                    addVoters = pick(learners, 1 + draws.addCount() % learners.size(), draws.order());
                    int removable = Math.min(voters.size(), voters.size() + addVoters.size() - MIN_VOTERS);
                    removeServers = pick(voters, 1 + draws.removeCount() % removable, draws.order());
                }
                case GROW -> addVoters = pick(learners, 1 + draws.addCount() % learners.size(), draws.order());
                case SHRINK -> removeServers = pick(voters, 1 + draws.removeCount() % (voters.size() - MIN_VOTERS), draws.order());
                case JOIN -> addLearners = pick(outside, 1 + draws.addCount() % outside.size(), draws.order());
            }
            if (draws.learnerCoin() && shape == Shape.SHRINK && !learners.isEmpty()) {
                // The learners leave with the voters.
                List<Integer> all = new ArrayList<>(removeServers);
                all.addAll(learners);
                all.sort(null);
                removeServers = List.copyOf(all);
            } else if (draws.learnerCoin() && shape != Shape.JOIN) {
                // The spare servers join as learners, to be made voters by a later change.
                addLearners = List.copyOf(outside);
            }
            for (int server : removeServers) {
                voters.remove(server);
                learners.remove(server);
            }
            for (int server : addVoters) {
                learners.remove(server);
                outside.remove(server);
                voters.add(server);
            }
            for (int server : addLearners) {
                outside.remove(server);
                learners.add(server);
            }
            outside.addAll(removeServers);
            return new FaultStep.JointChange(draws.atMicros(), refs(addVoters), refs(addLearners), refs(removeServers));
        }

        /** The first {@code count} of {@code servers} in the drawn order, ascending. */
        private static List<Integer> pick(TreeSet<Integer> servers, int count, long[] order) {
            List<Integer> ranked = new ArrayList<>(servers);
            ranked.sort(Comparator.<Integer>comparingLong(server -> order[server]).thenComparing(Comparator.naturalOrder()));
            List<Integer> picked = new ArrayList<>(ranked.subList(0, count));
            picked.sort(null);
            return List.copyOf(picked);
        }

        private static List<NodeRef> refs(List<Integer> servers) {
            return servers.stream().map(NodeRef::server).toList();
        }
    }

    /** The scenario with the drawn initial members and the drawn changes after its own steps. */
    Scenario applyTo(Scenario scenario) {
        return drawn() ? MembershipDraw.withDrawn(scenario, initialMembers, steps) : scenario;
    }
}

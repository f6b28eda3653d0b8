package io.raftsim.scenarios.run;

import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The membership changes a swarm run draws from its seed (stream "swarm-membership"): some
 * server slots start spare, and single-server changes (dissertation §4.1-4.2: add a learner,
 * promote a learner, remove a voter or a learner) are asked of whichever server leads at drawn
 * times. Without these draws the {@code random} sweep never met a configuration other than the
 * initial one, so a mistake of the membership rules (docs/bugs.md) was only ever seen in the
 * scenarios written for it.
 *
 * <p>The changes are planned against the configuration they would make if every earlier one
 * were accepted, so each is one the leader could accept: never promoting a server that was not
 * added, never removing a voter below two. A leader may still refuse one (a change pending, nothing
 * committed in its term, §4.1 and the 2015 fix); the plan then drifts from the real configuration
 * and a later step may mean nothing, which the leader answers {@code NOT_APPLICABLE}. At least one
 * voter is left whatever is refused, so after the liveness phase heals every fault the cluster can
 * elect a leader and finish every operation.
 *
 * <p>The stream is drawn a fixed number of times whatever comes out, so a change to one draw
 * shifts no other.
 *
 * @param initialMembers the voters at the start (0-based, ascending); empty when nothing was drawn
 * @param steps          the drawn changes, in the order drawn
 */
public record MembershipDraw(List<Integer> initialMembers, List<FaultStep> steps) {
    /** No membership drawn: every server a voter from start to end. */
    public static final MembershipDraw NONE = new MembershipDraw(List.of(), List.of());

    /**
     * Membership is drawn in this share of runs. A quarter: changes make every other mistake
     * rarer to meet (a spare server is one fewer to crash or cut off), so three runs in four keep
     * the fixed configuration where the other mistakes were measured.
     */
    static final double MEMBERSHIP_CHANCE = 0.25;
    /** At most this many slots start spare (never all but one: a cluster of one voter changes nothing interesting). */
    static final int MAX_SPARE_SERVERS = 2;
    /** The plan never removes a voter below this many (see {@link #removable}). */
    static final int MIN_VOTERS = 2;
    /** Between one and this many changes are drawn. */
    static final int MAX_CHANGES = 6;
    /** Changes start after the first election has had time to happen... */
    static final long FIRST_CHANGE_MS = 500;
    /** ...and end before the run's last fifth, so the last one can commit before faults heal. */
    static final double LAST_CHANGE_SHARE = 0.8;

    public MembershipDraw {
        initialMembers = List.copyOf(initialMembers);
        steps = List.copyOf(steps);
    }

    public boolean drawn() {
        return !steps.isEmpty();
    }

    /**
     * What {@code random} draws for a scenario of {@code nodes} servers whose initial voters are
     * {@code members}, running {@code durationMs}; {@link #NONE} when the coin says no or the
     * implementation has no membership changes. Slots are drawn spare only when the scenario has none.
     */
    static MembershipDraw draw(RandomStream random, List<Integer> members, int nodes, long durationMs, boolean supported) {
        boolean heads = random.chance(MEMBERSHIP_CHANCE);
        int spare = random.nextInt(MAX_SPARE_SERVERS + 1);
        int changes = 1 + random.nextInt(MAX_CHANGES);
        long firstMicros = Time.ms(FIRST_CHANGE_MS);
        long lastMicros = Math.max(firstMicros + 1, (long) (Time.ms(durationMs) * LAST_CHANGE_SHARE));
        long[] atMicros = new long[MAX_CHANGES];
        int[] kindDraws = new int[MAX_CHANGES];
        int[] targetDraws = new int[MAX_CHANGES];
        for (int i = 0; i < MAX_CHANGES; i++) {
            // Whole milliseconds, so a shrunk file written with atMs replays the same times.
            atMicros[i] = Time.ms(random.nextLong(firstMicros / 1000, lastMicros / 1000));
            kindDraws[i] = random.nextInt(3);
            targetDraws[i] = random.nextInt(nodes);
        }
        if (!heads || !supported || nodes < 2) {
            return NONE;
        }
        spare = members.size() < nodes ? 0 : Math.min(spare, nodes - 2);
        TreeSet<Integer> voters = new TreeSet<>();
        TreeSet<Integer> learners = new TreeSet<>();
        TreeSet<Integer> outside = new TreeSet<>();
        for (int server = 0; server < nodes; server++) {
            (members.contains(server) && server < nodes - spare ? voters : outside).add(server);
        }
        List<Integer> initial = List.copyOf(voters);
        List<FaultStep> steps = new ArrayList<>();
        Arrays.sort(atMicros, 0, changes);
        for (int i = 0; i < changes; i++) {
            List<MembershipChange.Kind> possible = possibleKinds(voters, learners, outside);
            MembershipChange.Kind kind = possible.get(kindDraws[i] % possible.size());
            List<Integer> targets = switch (kind) {
                case ADD_LEARNER -> List.copyOf(outside);
                case PROMOTE_LEARNER -> List.copyOf(learners);
                case REMOVE_SERVER -> removable(voters, learners);
            };
            int target = targets.get(targetDraws[i] % targets.size());
            switch (kind) {
                case ADD_LEARNER -> {
                    outside.remove(target);
                    learners.add(target);
                }
                case PROMOTE_LEARNER -> {
                    learners.remove(target);
                    voters.add(target);
                }
                case REMOVE_SERVER -> {
                    voters.remove(target);
                    learners.remove(target);
                    outside.add(target);
                }
            }
            steps.add(new FaultStep.Membership(atMicros[i], kind, NodeRef.server(target)));
        }
        return new MembershipDraw(spare == 0 ? List.of() : initial, steps);
    }

    /** The kinds of change the planned configuration allows; removal is always possible while two voters are left or a learner is. */
    private static List<MembershipChange.Kind> possibleKinds(TreeSet<Integer> voters, TreeSet<Integer> learners, TreeSet<Integer> outside) {
        List<MembershipChange.Kind> kinds = new ArrayList<>();
        if (!outside.isEmpty()) {
            kinds.add(MembershipChange.Kind.ADD_LEARNER);
        }
        if (!learners.isEmpty()) {
            kinds.add(MembershipChange.Kind.PROMOTE_LEARNER);
        }
        if (!removable(voters, learners).isEmpty()) {
            kinds.add(MembershipChange.Kind.REMOVE_SERVER);
        }
        return kinds;
    }

    /**
     * Learners, and voters while more than {@link #MIN_VOTERS} are left. Not down to one voter: a
     * leader that is the only voter appends, commits and compacts an entry in one step, so the
     * checks never see that entry in its log (seed 837 of the first sweep; docs/bugs.md). They
     * no longer report a difference that is not there (the model's probe tells the compacted
     * entry's payload fingerprint, and an entry nobody can hash is left undecided, not compared),
     * so the bound is kept only because changing it would change every digest of random's
     * membership seeds. A refused change can still leave one voter; the plan only makes it rare.
     */
    private static List<Integer> removable(TreeSet<Integer> voters, TreeSet<Integer> learners) {
        TreeSet<Integer> removable = new TreeSet<>(learners);
        if (voters.size() > MIN_VOTERS) {
            removable.addAll(voters);
        }
        return List.copyOf(removable);
    }

    /** The scenario with the drawn initial members and the drawn changes after its own steps. */
    Scenario applyTo(Scenario scenario) {
        return drawn() ? withDrawn(scenario, initialMembers, steps) : scenario;
    }

    /**
     * {@code scenario} with {@code steps} after its own and, unless empty, {@code initialMembers} as
     * its voters at the start: what a membership draw (single-server or joint) adds to a run.
     */
    static Scenario withDrawn(Scenario scenario, List<Integer> initialMembers, List<FaultStep> steps) {
        List<FaultStep> all = new ArrayList<>(scenario.faults());
        all.addAll(steps);
        Scenario withSteps = scenario.withFaults(all);
        return initialMembers.isEmpty() ? withSteps : withSteps.withInitialMembers(initialMembers);
    }
}

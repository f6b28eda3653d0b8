package io.raftsim.scenarios.shrink;

import io.raftsim.scenarios.format.Expectation;
import io.raftsim.scenarios.format.Bindings;
import io.raftsim.scenarios.format.Condition;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.format.SubmittedCommands;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.scenarios.run.SwarmDraw;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.engine.Violation;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Turns a failing seeded run into a small scenario that still fails the same way (same
 * outcome class, same property; an {@link Outcome#UNDECIDED} run is no failure, so it is
 * not shrunk, nor does an undecided candidate count as still failing), in the manner of
 * delta debugging (Zeller and Hildebrandt, 2002): the faults the seed drew are written out as explicit steps, then whole chunks of
 * steps are dropped while the failure persists, then servers, clients and virtual time are
 * cut down, then the steps once more. The seed stays: it still drives latencies, timeouts
 * and the clients, so the shrunk file replays exactly. A candidate that no longer fails with
 * the current seed is also tried with a few other seeds before it is given up: removing one
 * fault changes every message after it, and another seed often brings the failure back with
 * less. The shrunk file carries whichever seed it fails with.
 */
public final class Shrinker {
    /** Every shrink is bounded: at most this many candidate runs. */
    public static final int DEFAULT_MAX_RUNS = 3_000;
    /** A schedule longer than this after delta debugging is worth a random search for a small subset. */
    static final int SMALL_SCHEDULE = 5;
    /** Candidate subsets tried per size in that search. */
    private static final int SUBSETS_PER_SIZE = 60;

    private final BiFunction<Scenario, Long, ScenarioResult> runner;
    private final int maxRuns;
    private final int seedsPerCandidate;
    private int runs;
    /** The seed the current smallest scenario fails with. */
    private long seed;
    /** Whether every check of the scenario as given waits for entries some client command can feed (ClientCommands): then every candidate must too. */
    private boolean checksFed;

    /** @param runner runs a scenario with a seed (planted bugs, if any, are the runner's business) */
    public Shrinker(BiFunction<Scenario, Long, ScenarioResult> runner, int maxRuns) {
        this(runner, maxRuns, 4);
    }

    /** @param seedsPerCandidate seeds tried per candidate: the current one, then others */
    public Shrinker(BiFunction<Scenario, Long, ScenarioResult> runner, int maxRuns, int seedsPerCandidate) {
        this.runner = runner;
        this.maxRuns = maxRuns;
        this.seedsPerCandidate = Math.max(1, seedsPerCandidate);
    }

    public Shrinker() {
        this(ScenarioRunner::run, DEFAULT_MAX_RUNS);
    }

    /** The result of a shrink: the small scenario, how it fails, and what it took. */
    public record Shrunk(Scenario scenario, ScenarioResult failure, ScenarioResult original, int candidateRuns) {
        public int faultCount() {
            return scenario.faults().size();
        }
    }

    public Shrunk shrink(Scenario scenario, long originalSeed) {
        this.seed = originalSeed;
        ScenarioResult original = runner.apply(scenario, originalSeed);
        if (original.passed()) {
            throw new ScenarioException(scenario.name() + " passes with seed " + originalSeed + ": nothing to shrink");
        }
        // An undecided history is not a failure of Raft: a smaller run has fewer operations and
        // is easier to decide, so "still undecided" would steer towards nothing worth keeping.
        if (original.outcome() == Outcome.UNDECIDED) {
            throw new ScenarioException(scenario.name() + " with seed " + originalSeed + " is UNDECIDED, not failed (" + original.message()
                    + "): there is no failure to shrink");
        }
        if (original.outcome() == Outcome.EXPECTATION_NOT_MET && !original.firstUnmet().missMeansSomethingHappened()) {
            throw new ScenarioException(scenario.name() + " with seed " + originalSeed + " only misses its condition '"
                    + original.firstUnmet().key() + "': a smaller run reaches less, so there is nothing to shrink");
        }
        Scenario current = scenario.withSeed(originalSeed);
        checksFed = ClientCommands.firstUnfed(current) == null;
        Scenario explicit = explicit(current, originalSeed);
        if (runner.apply(explicit, originalSeed).failsLike(original)) {
            current = explicit;
        }
        current = withoutLivenessPhase(current, original);
        current = shorter(current, original);
        // Each pass can open the way for another (a shorter run has fewer steps to drop, fewer
        // steps may need fewer servers), so the passes repeat while the scenario shrinks.
        for (int round = 0; round < 4 && budgetLeft(); round++) {
            long before = size(current);
            current = dropFaults(current, original);
            current = fewerNodes(current, original);
            current = fewerClients(current, original, scenario.durationMs());
            current = shorter(current, original);
            if (size(current) >= before) {
                break;
            }
        }
        if (current.faults().size() > SMALL_SCHEDULE) {
            current = dropFaults(fewerNodes(smallSubset(current, original), original), original);
        }
        current = current.withSeed(seed);
        ScenarioResult failure = runner.apply(current, seed);
        String why = original.property() + ": " + original.message();
        current = current.withNameAndDescription(scenario.name() + "-shrunk",
                "Shrunk from " + scenario.name() + " with seed " + originalSeed + " (" + runs + " candidate runs); fails with seed " + seed
                        + ". The original failed with " + original.outcome() + " [" + why + "]");
        return new Shrunk(current, failure, original, runs);
    }

    /** How big a scenario is, for deciding whether a round of passes helped: steps first, then servers, clients, duration. */
    public static long size(Scenario scenario) {
        return ((scenario.faults().size() * 100L + scenario.nodes()) * 1_000L + scenario.clients().count()) * 10_000_000L + scenario.durationMs();
    }

    /**
     * The faults drawn from the seed, written as explicit steps after the scenario's own (the
     * drawn network first, at time 0), the steps' drawn waits written as their times, and the
     * Raft options the seed drew written into the {@code raft} block: the result draws
     * nothing, so it replays with any seed.
     */
    static Scenario explicit(Scenario scenario, long seed) {
        if (FaultStep.drawsWaits(scenario.faults())) {
            // Drawn waits (waitMs) at the times this seed drew: dropping a step then never moves another.
            scenario = scenario.withFaults(FaultStep.resolveWaits(scenario.faults(), seed));
        }
        if (scenario.randomFaults() == null) {
            return scenario;
        }
        // The drawn scenario's own steps include the transfers and membership changes the seed drew (SwarmDraw), kept as explicit steps.
        Scenario drawn = SwarmDraw.withDrawnRaftOptions(scenario, seed);
        List<FaultStep> steps = new ArrayList<>(drawn.faults());
        steps.addAll(ExplicitFaults.of(ScenarioRunner.drawnFaults(scenario, seed)));
        return drawn.withFaults(steps).withRandomFaults(null);
    }

    /** ddmin over the fault steps: drop fault-and-undo pairs, then chunks of halving size, while the failure persists. */
    private Scenario dropFaults(Scenario scenario, ScenarioResult original) {
        List<FaultStep> steps = new ArrayList<>(dropPairs(scenario, original).faults());
        int chunk = Math.max(1, steps.size() / 2);
        while (!steps.isEmpty() && budgetLeft()) {
            boolean removedAny = false;
            for (int start = 0; start < steps.size() && budgetLeft(); ) {
                List<FaultStep> candidate = new ArrayList<>(steps.subList(0, start));
                candidate.addAll(steps.subList(Math.min(steps.size(), start + chunk), steps.size()));
                if (failsLike(scenario.withFaults(candidate), original)) {
                    steps = candidate;
                    removedAny = true;
                } else {
                    start += chunk;
                }
            }
            if (chunk == 1 && !removedAny) {
                break;
            }
            chunk = Math.max(1, chunk / 2);
        }
        return scenario.withFaults(steps);
    }

    /**
     * A safety or linearizability failure may not need the liveness phase at all; without it
     * the run is shorter and ends where the faults end.
     */
    private Scenario withoutLivenessPhase(Scenario scenario, ScenarioResult original) {
        if (original.outcome() == Outcome.LIVENESS_FAILURE || !scenario.expects(Expectation.Live.class)) {
            return scenario;
        }
        List<Expectation> rest = scenario.expect().stream().filter(e -> !(e instanceof Expectation.Live)).toList();
        Scenario candidate = scenario.withExpect(rest);
        return failsLike(candidate, original) ? candidate : scenario;
    }

    /**
     * Delta debugging stops in a local minimum when every single removal changes the run too
     * much. Random small subsets of the steps (one to {@link #SMALL_SCHEDULE}, times kept),
     * each tried with a few seeds, often still fail: the first that does is taken. The draws
     * come from a stream seeded by the original seed, so a shrink is reproducible too.
     */
    private Scenario smallSubset(Scenario scenario, ScenarioResult original) {
        List<FaultStep> steps = scenario.faults();
        RandomStream random = new RandomStream(original.seed()).derive("shrink-subsets");
        for (int size = 1; size <= SMALL_SCHEDULE && budgetLeft(); size++) {
            for (int attempt = 0; attempt < SUBSETS_PER_SIZE && budgetLeft(); attempt++) {
                boolean[] chosen = new boolean[steps.size()];
                for (int picked = 0; picked < size; ) {
                    int index = random.nextInt(steps.size());
                    if (!chosen[index]) {
                        chosen[index] = true;
                        picked++;
                    }
                }
                List<FaultStep> subset = new ArrayList<>();
                for (int i = 0; i < steps.size(); i++) {
                    if (chosen[i]) {
                        subset.add(steps.get(i));
                    }
                }
                Scenario candidate = scenario.withFaults(subset);
                if (failsLike(candidate, original)) {
                    return candidate;
                }
            }
        }
        return scenario;
    }

    /**
     * Removing a crash but not its restart leaves the server down for good, a pause without
     * its resume leaves it paused: such a single removal changes the run far more than the
     * fault did. So first each fault is tried removed together with the step that undoes it.
     */
    private Scenario dropPairs(Scenario scenario, ScenarioResult original) {
        List<FaultStep> steps = new ArrayList<>(scenario.faults());
        for (int i = 0; i < steps.size() && budgetLeft(); ) {
            int undo = undoOf(steps, i);
            if (undo < 0) {
                i++;
                continue;
            }
            List<FaultStep> candidate = new ArrayList<>(steps);
            candidate.remove(undo);
            candidate.remove(i);
            if (failsLike(scenario.withFaults(candidate), original)) {
                steps = candidate;
            } else {
                i++;
            }
        }
        return scenario.withFaults(steps);
    }

    /** The index of the first later step that undoes step {@code i}, or -1. */
    static int undoOf(List<FaultStep> steps, int i) {
        FaultStep fault = steps.get(i);
        for (int j = i + 1; j < steps.size(); j++) {
            FaultStep later = steps.get(j);
            boolean undoes;
            if (fault instanceof FaultStep.NodeAction start && later instanceof FaultStep.NodeAction end) {
                undoes = start.node().equals(end.node())
                        && (start.action().equals("crash") && end.action().equals("restart")
                        || start.action().equals("pause") && end.action().equals("resume"));
            } else if (fault instanceof FaultStep.Isolate || fault instanceof FaultStep.Partition || fault instanceof FaultStep.Cut) {
                undoes = later instanceof FaultStep.Heal;
            } else if (fault instanceof FaultStep.Drift start && later instanceof FaultStep.Drift end) {
                undoes = start.node().equals(end.node());
            } else if (fault instanceof FaultStep.Network start && later instanceof FaultStep.Network end) {
                undoes = java.util.Objects.equals(start.from(), end.from()) && java.util.Objects.equals(start.to(), end.to());
            } else {
                undoes = false;
            }
            if (undoes) {
                return j;
            }
        }
        return -1;
    }

    private Scenario fewerNodes(Scenario scenario, ScenarioResult original) {
        for (int nodes = 1; nodes < scenario.nodes() && budgetLeft(); nodes++) {
            Scenario candidate = withNodes(scenario, nodes);
            if (failsLike(candidate, original)) {
                return candidate;
            }
        }
        return scenario;
    }

    /** The scenario on fewer servers: steps that name a server it no longer has are dropped. */
    static Scenario withNodes(Scenario scenario, int nodes) {
        List<FaultStep> kept = new ArrayList<>();
        for (FaultStep step : scenario.faults()) {
            FaultStep fitted = fit(step, nodes);
            if (fitted != null) {
                kept.add(fitted);
            }
        }
        return scenario.withNodes(nodes).withFaults(kept);
    }

    private static FaultStep fit(FaultStep step, int nodes) {
        if (step instanceof FaultStep.Partition partition) {
            List<List<NodeRef>> groups = new ArrayList<>();
            for (List<NodeRef> group : partition.groups()) {
                List<NodeRef> members = group.stream().filter(ref -> ref.index() < nodes).toList();
                if (!members.isEmpty()) {
                    groups.add(members);
                }
            }
            return groups.size() < 2 ? null : new FaultStep.Partition(step.atMicros(), groups);
        }
        if (step instanceof FaultStep.JointChange change) {
            // A change of several servers stays a change of those the smaller cluster still has.
            List<NodeRef> addVoters = within(change.addVoters(), nodes);
            List<NodeRef> addLearners = within(change.addLearners(), nodes);
            List<NodeRef> removeServers = within(change.removeServers(), nodes);
            return addVoters.isEmpty() && addLearners.isEmpty() && removeServers.isEmpty() ? null
                    : new FaultStep.JointChange(step.atMicros(), addVoters, addLearners, removeServers);
        }
        List<NodeRef> named = new ArrayList<>();
        if (step instanceof FaultStep.Isolate i) {
            named.add(i.node());
        } else if (step instanceof FaultStep.Cut c) {
            named.add(c.from());
            named.add(c.to());
        } else if (step instanceof FaultStep.NodeAction n) {
            named.add(n.node());
        } else if (step instanceof FaultStep.Drift d) {
            named.add(d.node());
        } else if (step instanceof FaultStep.Network n && n.oneLink()) {
            named.add(n.from());
            named.add(n.to());
        } else {
            named.addAll(Bindings.references(step));
        }
        Condition condition = step instanceof FaultStep.Check check ? check.condition()
                : step instanceof FaultStep.Staged staged ? staged.when() : null;
        if (condition != null && !condition.kind().counted() && condition.count() > nodes) {
            return null;
        }
        if (step instanceof FaultStep.Check check && check.until() != null && check.until().count() > nodes) {
            return null; // the count's window would end on a condition no smaller cluster can reach
        }
        if (named.stream().anyMatch(ref -> ref.index() >= nodes)) {
            return null;
        }
        if (step instanceof FaultStep.Staged staged && (staged.ifUpBelow() > nodes || staged.ifConnectedBelow() > nodes)) {
            // Fewer up than more servers than there are always holds: the guard goes, as the reader would refuse it.
            int ifUpBelow = staged.ifUpBelow() > nodes ? 0 : staged.ifUpBelow();
            int ifConnectedBelow = staged.ifConnectedBelow() > nodes ? 0 : staged.ifConnectedBelow();
            return staged.bind() == null && staged.when() == null && staged.drawnWait() == null && ifUpBelow == 0 && ifConnectedBelow == 0 ? staged.step()
                    : new FaultStep.Staged(staged.step(), staged.bind(), staged.when(), staged.whenWithinMicros(), staged.drawnWait(), ifUpBelow,
                    ifConnectedBelow);
        }
        return step;
    }

    /** The references that name no server beyond the first {@code nodes} ({@code leader}, {@code $name} and the servers below). */
    private static List<NodeRef> within(List<NodeRef> refs, int nodes) {
        return refs.stream().filter(ref -> ref.index() < nodes).toList();
    }

    /**
     * Fewer clients, at the current duration or, failing that, at the original one: a run cut to
     * the shortest time that fails with the clients' traffic may need longer to fail without it,
     * and the next pass cuts the time again (fewer clients count for more than a shorter run).
     */
    private Scenario fewerClients(Scenario scenario, ScenarioResult original, long originalDurationMs) {
        for (int clients = 0; clients < scenario.clients().count() && budgetLeft(); clients++) {
            Scenario candidate = scenario.withClients(scenario.clients().withCount(clients));
            if (failsLike(candidate, original)) {
                return candidate;
            }
            if (scenario.durationMs() < originalDurationMs && budgetLeft()) {
                Scenario longer = withDuration(candidate, originalDurationMs);
                if (failsLike(longer, original)) {
                    return longer;
                }
            }
        }
        return scenario;
    }

    /**
     * The shortest duration (to the millisecond) that still fails; later steps go. A run cut
     * short is a prefix of the longer one, so a violation seen at time T in the faulty phase
     * still happens with any duration from T on: try that first, then bisect.
     */
    private Scenario shorter(Scenario scenario, ScenarioResult original) {
        Violation violation = original.run().violation();
        Scenario best = scenario;
        long high = scenario.durationMs();
        if (violation != null && violation.timeMicros() >= 0) {
            long atMs = violation.timeMicros() / 1000 + 1;
            if (atMs < high && budgetLeft()) {
                Scenario candidate = withDuration(scenario, atMs);
                if (failsLike(candidate, original)) {
                    best = candidate;
                    high = atMs;
                }
            }
        }
        long low = 1;
        while (low < high && budgetLeft()) {
            long middle = low + (high - low) / 2;
            Scenario candidate = withDuration(scenario, middle);
            if (failsLike(candidate, original)) {
                best = candidate;
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return best;
    }

    static Scenario withDuration(Scenario scenario, long durationMs) {
        long endMicros = Time.ms(durationMs);
        List<FaultStep> kept = scenario.faults().stream().filter(step -> latestMicros(step) <= endMicros).toList();
        return scenario.withDurationMs(durationMs).withFaults(kept);
    }

    /** When a step is done with for sure: a check at its window's end, a waiting step at its wait's bound. */
    private static long latestMicros(FaultStep step) {
        if (step instanceof FaultStep.Check check) {
            return check.atMicros() + check.windowMicros();
        }
        return step instanceof FaultStep.Staged staged ? staged.latestMicros() : step.atMicros();
    }

    /** Whether the candidate fails like the original with the current seed or, failing that, another; adopts that seed. */
    private boolean failsLike(Scenario candidate, ScenarioResult original) {
        // A step that calls a server $old needs the step binding "old": a candidate without it
        // is no scenario a file could hold (the reader refuses it), so it is never run.
        if (Bindings.firstUnbound(candidate.faults()) != null) {
            return false;
        }
        // Likewise a check naming the K-th submitted command needs the submits that make K: without
        // them it would fail for want of a command, which is no failure of the Raft under test.
        if (SubmittedCommands.firstBeyond(candidate.faults(), candidate.nodes()) != null) {
            return false;
        }
        // And a check waiting for a new entry (the next index, applied through an index) needs
        // clients that issue commands: without any it misses for want of one, vacuously.
        if (checksFed && ClientCommands.firstUnfed(candidate) != null) {
            return false;
        }
        for (int attempt = 0; attempt < seedsPerCandidate && budgetLeft(); attempt++) {
            long trySeed = attempt == 0 ? seed : seed + attempt * 7_919L;
            runs++;
            if (runner.apply(candidate, trySeed).failsLike(original)) {
                seed = trySeed;
                return true;
            }
        }
        return false;
    }

    private boolean budgetLeft() {
        return runs < maxRuns;
    }
}

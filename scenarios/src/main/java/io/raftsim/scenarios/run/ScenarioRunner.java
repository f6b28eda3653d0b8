package io.raftsim.scenarios.run;

import java.util.TreeSet;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.spi.Feature;
import io.raftsim.harness.cluster.ClusterOutcome;
import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.harness.spi.PersistedState;
import io.raftsim.harness.linearizability.CheckResult;
import io.raftsim.scenarios.format.Expectation;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NetworkSettings;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.RandomFaults;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.format.ServerState;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.TimedFault;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.FaultScheduleGenerator;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.TraceSink;


import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.TreeMap;

/**
 * Runs one scenario with one seed: builds the cluster, schedules the explicit fault steps
 * and the faults drawn from the seed, runs the safety phase (every check after every step),
 * the liveness phase when {@code live} is expected, the linearizability check, and then
 * judges the {@code expect} conditions.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    public static ScenarioResult run(Scenario scenario, long seed) {
        return run(scenario, seed, TraceSink.NONE);
    }

    public static ScenarioResult run(Scenario scenario, long seed, TraceSink trace) {
        return run(scenario, seed, trace, new TreeSet<>());
    }

    /**
     * @param plantedBugs known mistakes planted in every server, by the implementation's names, to
     *                    show the checks catch them (issue 6); empty for every real run, and never a scenario field
     */
    public static ScenarioResult run(Scenario asWritten, long seed, TraceSink trace, Set<String> plantedBugs) {
        List<String> missing = Requirements.missing(asWritten);
        if (!missing.isEmpty()) {
            throw new ScenarioException(asWritten.name() + ": " + missing.get(0));
        }
        // The Raft options and network the seed draws, if the file asks for draws; the result
        // keeps the scenario as written, so summaries can tell what was drawn (SwarmDraw.of).
        Scenario scenario = SwarmDraw.withDrawnRaftOptions(asWritten, seed);
        int nodes = scenario.nodes();
        ClusterSpec spec = ClusterSpec.defaults(nodes)
                .withRaft(scenario.raft().toConfig(nodes))
                .withLinks(scenario.network().toLinkConfig())
                .withWorkload(scenario.clients().toWorkload())
                .withImplementation(scenario.implementation().name(), scenario.implementation().settings());
        spec = spec.withLimits(spec.limits().withMaxSteps(scenario.stepBound()));
        Cluster cluster = new Cluster(spec, seed, trace, plantedBugs);
        long[] firstTimeouts = scenario.raft().firstElectionTimeoutsMicros(nodes);
        if (firstTimeouts != null) {
            cluster.setFirstElectionTimeouts(firstTimeouts);
        }
        scenario.initialState().forEach((server, state) -> preload(cluster, server, state));
        if (scenario.hasSpareServers()) {
            cluster.setInitialMembers(scenario.members());
        }
        if (Requirements.of(scenario).containsKey(Feature.MEMBERSHIP_CHANGES)) {
            // The efficiency bounds assume every server votes from start to end.
            cluster.skipEfficiencyChecks();
        }
        ExpectationTracker tracker = new ExpectationTracker(cluster);
        cluster.addListener(tracker);
        BoundServers servers = new BoundServers(cluster);
        MidRunChecks checks = new MidRunChecks(cluster, servers);
        cluster.addObserver(checks);
        scheduleClockRates(scenario, cluster);
        scheduleSteps(scenario, seed, cluster, servers, checks);
        long durationMicros = Time.ms(scenario.durationMs());
        FaultSchedule drawn = drawnFaults(asWritten, seed);
        ClusterOutcome outcome = cluster.run(durationMicros, drawn, scenario.expects(Expectation.Live.class));
        cluster.engine().finish();
        return judge(asWritten, seed, cluster, outcome, tracker, drawn.size(), checks.failure());
    }

    /** A server's durable state before the run: its term and vote, and no-op entries of the given terms. */
    private static void preload(Cluster cluster, String server, ServerState state) {
        List<PersistedState.Entry> log = new ArrayList<>();
        for (long term : state.logTerms()) {
            log.add(PersistedState.Entry.noOp(term));
        }
        int vote = state.votedFor() == null ? -1 : state.votedFor().index();
        cluster.preload(NodeRef.indexOf(server), new PersistedState(state.term(), vote, log));
    }

    /**
     * The fault schedule the seed draws for this scenario (empty without {@code randomFaults}):
     * with {@code drawNetwork}, first the drawn network at time 0, to which network faults return.
     */
    public static FaultSchedule drawnFaults(Scenario scenario, long seed) {
        RandomFaults random = scenario.randomFaults();
        if (random == null) {
            return FaultSchedule.EMPTY;
        }
        // The same stream the engine hands out as randomStream("faults"): derived by name from the seed.
        RandomStream stream = new RandomStream(seed).derive("faults");
        // Always draw the swarm profile first, so a file that fixes some fields and one that
        // fixes none consume the stream alike; fixed fields then replace the drawn ones.
        FaultProfile drawn = FaultProfile.swarm(stream);
        FaultProfile profile = random.swarm() ? drawn : new FaultProfile(
                random.kinds() != null ? random.kinds() : drawn.enabled(),
                random.meanIntervalMs() != null ? Time.ms(random.meanIntervalMs()) : drawn.meanIntervalMicros(),
                random.meanDurationMs() != null ? Time.ms(random.meanDurationMs()) : drawn.meanFaultDurationMicros());
        SwarmDraw draw = SwarmDraw.of(scenario, seed);
        FaultSchedule faults = FaultScheduleGenerator.generate(stream, profile, scenario.nodes(), 0, Time.ms(scenario.durationMs()),
                draw.network().toLinkConfig());
        FaultAction.SetLinks network = draw.networkFault(scenario);
        if (network == null) {
            return faults;
        }
        List<TimedFault> all = new ArrayList<>();
        all.add(new TimedFault(0, network));
        all.addAll(faults.faults());
        return new FaultSchedule(all);
    }

    /**
     * The clock rates the cluster starts with, set at 0 ms before any step: as a {@code drift} step
     * at 0 ms would (the trace shows them alike), and undone for the liveness phase as it is.
     */
    private static void scheduleClockRates(Scenario scenario, Cluster cluster) {
        scenario.clockRates().forEach((server, rate) -> cluster.engine().schedule(0, new FaultAction.Drift(NodeRef.indexOf(server), rate)));
    }

    /**
     * Explicit steps, in time order, each drawn wait ({@code waitMs}) resolved for the seed;
     * network steps carry the settings in force after them.
     */
    private static void scheduleSteps(Scenario scenario, long seed, Cluster cluster, BoundServers servers, MidRunChecks checks) {
        NetworkSettings current = scenario.network();
        List<FaultStep> steps = FaultStep.resolveWaits(scenario.faults(), seed);
        for (int i = 0; i < steps.size(); i++) {
            FaultStep step = steps.get(i);
            NetworkSettings links = null;
            if (FaultStep.plain(step) instanceof FaultStep.Network network) {
                links = network.applyTo(current);
                if (!network.oneLink()) {
                    current = links;
                }
            }
            String label = "faults[" + i + "] (" + step.action() + " at " + formatMs(step.atMicros()) + " ms)";
            cluster.engine().schedule(step.atMicros(), new ScenarioAction(step, cluster, links == null ? null : links.toLinkConfig(), label, servers, checks));
            long deadline = step instanceof FaultStep.Check check ? check.atMicros() + check.windowMicros()
                    : step instanceof FaultStep.Staged staged && staged.when() != null ? staged.latestMicros() : -1;
            if (deadline >= 0) {
                cluster.engine().schedule(deadline, new MidRunChecks.Deadline("deadline of " + label));
            }
        }
    }

    private static String formatMs(long micros) {
        return micros % 1000 == 0 ? Long.toString(micros / 1000) : Double.toString(micros / 1000.0);
    }

    private static ScenarioResult judge(Scenario scenario, long seed, Cluster cluster, ClusterOutcome outcome,
                                        ExpectationTracker tracker, int drawnFaults, FailedCheck failedCheck) {
        TreeMap<Long, Integer> leaders = cluster.monitor().leaders();
        TreeMap<Long, Long> splitVotes = tracker.splitVoteTerms(leaders);
        int distinctLeaders = (int) leaders.values().stream().distinct().count();
        RunStats stats = new RunStats(cluster.monitor().electionCount(), cluster.monitor().highestLeaderTerm(), distinctLeaders,
                splitVotes.size(), tracker.splitBrainMoments(), tracker.rolledBackEntries(), tracker.firstLeaderMicros(),
                scenario.faults().size() + drawnFaults, leaders, cluster.efficiency().stats());
        List<ExpectationResult> expectations = new ArrayList<>();
        for (Expectation expectation : scenario.expect()) {
            expectations.add(evaluate(expectation, cluster, outcome, tracker, leaders, splitVotes));
        }
        Outcome result = Outcome.of(outcome.verdict());
        String property = outcome.property();
        String message = outcome.message();
        if (result == Outcome.LIMIT_REACHED) {
            property = "Limit";
        }
        boolean checkMissed = failedCheck != null && outcome.run().violation() != null
                && MidRunChecks.PROPERTY.equals(outcome.run().violation().property());
        if (checkMissed) {
            result = Outcome.CHECK_FAILED;
        }
        if (result == Outcome.NOT_LINEARIZABLE && scenario.expects(Expectation.LinearizabilityViolation.class)) {
            // The violation is what the scenario is about (a known-unsafe configuration): caught, so passed.
            result = Outcome.PASSED;
        }
        if (result == Outcome.PASSED) {
            for (ExpectationResult expectation : expectations) {
                if (!expectation.reached()) {
                    result = Outcome.EXPECTATION_NOT_MET;
                    property = "Expectation";
                    message = expectation.expectation().key() + " not reached: " + expectation.detail();
                    break;
                }
            }
        }
        return new ScenarioResult(scenario, seed, result, result == Outcome.PASSED ? null : property, message, outcome, expectations, stats,
                checkMissed ? failedCheck : null);
    }

    private static ExpectationResult evaluate(Expectation expectation, Cluster cluster, ClusterOutcome outcome,
                                              ExpectationTracker tracker, TreeMap<Long, Integer> leaders, TreeMap<Long, Long> splitVotes) {
        if (expectation instanceof Expectation.LeaderElected elected) {
            long first = tracker.firstLeaderMicros();
            boolean reached = first >= 0 && (elected.withinMs() == null || first <= Time.ms(elected.withinMs()));
            return new ExpectationResult(expectation, reached, tracker.firstLeaderDetail());
        }
        if (expectation instanceof Expectation.LeaderChanged) {
            long distinct = leaders.values().stream().distinct().count();
            return new ExpectationResult(expectation, distinct >= 2, distinct + " different servers led, over terms " + leaders.keySet());
        }
        if (expectation instanceof Expectation.SplitVote) {
            String detail = splitVotes.isEmpty() ? "every term with several candidates elected a leader"
                    : "terms " + splitVotes.keySet() + " had several candidates and no leader; the first: " + candidates(splitVotes.firstEntry().getValue());
            return new ExpectationResult(expectation, !splitVotes.isEmpty(), detail);
        }
        if (expectation instanceof Expectation.SplitBrainLeaders) {
            return new ExpectationResult(expectation, tracker.splitBrainMoments() > 0,
                    tracker.firstSplitBrain() != null ? tracker.firstSplitBrain() : "no two servers led at the same time");
        }
        if (expectation instanceof Expectation.Rollback) {
            return new ExpectationResult(expectation, tracker.rolledBackEntries() > 0,
                    tracker.firstRollback() != null ? tracker.firstRollback() + " (" + tracker.rolledBackEntries() + " entries in all)" : "no server discarded an entry");
        }
        if (expectation instanceof Expectation.SnapshotInstalled) {
            return new ExpectationResult(expectation, tracker.snapshotInstalls() > 0, tracker.firstSnapshotInstall() != null
                    ? tracker.firstSnapshotInstall() + " (" + tracker.snapshotInstalls() + " installs in all)" : "no server installed a snapshot");
        }
        if (expectation instanceof Expectation.Committed committed) {
            long index = cluster.monitor().committedIndex();
            return new ExpectationResult(expectation, index >= committed.atLeast(), "committed through index " + index);
        }
        if (expectation instanceof Expectation.ElectionsAtLeast atLeast) {
            long elections = cluster.monitor().electionCount();
            return new ExpectationResult(expectation, elections >= atLeast.count(), elections + " elections, highest term " + cluster.monitor().highestLeaderTerm());
        }
        if (expectation instanceof Expectation.ElectionsAtMost atMost) {
            long elections = cluster.monitor().electionCount();
            return new ExpectationResult(expectation, elections <= atMost.count(), elections + " elections, highest term " + cluster.monitor().highestLeaderTerm());
        }
        if (expectation instanceof Expectation.Linearizable) {
            CheckResult check = cluster.linearizability();
            int completed = cluster.stats().operationsCompleted();
            boolean proven = check != null && check.status() == CheckResult.Status.LINEARIZABLE && completed > 0;
            String detail = check == null ? "the run ended before the history was checked"
                    : check.status() + " (" + cluster.history().size() + " operations, " + completed + " completed)";
            return new ExpectationResult(expectation, proven, detail);
        }
        if (expectation instanceof Expectation.LinearizabilityViolation) {
            CheckResult check = cluster.linearizability();
            boolean caught = outcome.verdict() == io.raftsim.harness.cluster.Verdict.NOT_LINEARIZABLE;
            String detail = check == null ? "the run ended before the history was checked"
                    : caught ? "caught: " + outcome.message() : check.status() + " (" + cluster.history().size() + " operations): no stale result caught";
            return new ExpectationResult(expectation, caught, detail);
        }
        if (expectation instanceof Expectation.Live) {
            // An efficiency bound missed is a liveness failure too, but the cluster did heal and finish: only "Liveness" misses this.
            boolean live = !(outcome.verdict() == io.raftsim.harness.cluster.Verdict.LIVENESS_FAILURE && "Liveness".equals(outcome.property()))
                    && outcome.run().status() == io.raftsim.sim.engine.RunStatus.COMPLETED;
            return new ExpectationResult(expectation, live, live ? "a leader was elected and every operation completed after healing" : String.valueOf(outcome.message()));
        }
        throw new IllegalArgumentException("unknown expectation " + expectation);
    }

    private static String candidates(long mask) {
        List<String> names = new ArrayList<>();
        for (int node = 0; node < 64; node++) {
            if ((mask & (1L << node)) != 0) {
                names.add("n" + (node + 1));
            }
        }
        return String.join(", ", names);
    }
}

package io.raftsim.scenarios.shrink;

import io.raftsim.raft.cluster.Cluster;
import io.raftsim.raft.cluster.ClusterSpec;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.trace.TraceSink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Turns a failing seeded run into a small scenario that still fails the same way (same
 * outcome class, same property), in the manner of delta debugging (Zeller and Hildebrandt,
 * 2002): the faults the seed drew are written out as explicit steps, then whole chunks of
 * steps are dropped while the failure persists, then servers, clients and virtual time are
 * cut down, then the steps once more. The seed stays: it still drives latencies, timeouts
 * and the clients, so the shrunk file replays exactly.
 */
public final class Shrinker {
    /** Every shrink is bounded: at most this many candidate runs. */
    public static final int DEFAULT_MAX_RUNS = 3_000;

    private final BiFunction<Scenario, Long, ScenarioResult> runner;
    private final int maxRuns;
    private int runs;

    /** @param runner runs a scenario with a seed (planted bugs, if any, are the runner's business) */
    public Shrinker(BiFunction<Scenario, Long, ScenarioResult> runner, int maxRuns) {
        this.runner = runner;
        this.maxRuns = maxRuns;
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

    public Shrunk shrink(Scenario scenario, long seed) {
        ScenarioResult original = runner.apply(scenario, seed);
        if (original.passed()) {
            throw new ScenarioException(scenario.name() + " passes with seed " + seed + ": nothing to shrink");
        }
        Scenario current = scenario.withSeed(seed);
        Scenario explicit = explicit(current, seed);
        if (failsLike(explicit, original)) {
            current = explicit;
        }
        current = dropFaults(current, original);
        current = fewerNodes(current, original);
        current = fewerClients(current, original);
        current = shorter(current, original);
        current = dropFaults(current, original);
        ScenarioResult failure = runner.apply(current, seed);
        String why = original.property() + ": " + original.message();
        current = current.withNameAndDescription(scenario.name() + "-shrunk",
                "Shrunk from " + scenario.name() + " with seed " + seed + " (" + runs + " candidate runs). Fails with " + original.outcome() + " [" + why + "]");
        return new Shrunk(current, failure, original, runs);
    }

    /** The faults drawn from the seed, written as explicit steps after the scenario's own. */
    static Scenario explicit(Scenario scenario, long seed) {
        if (scenario.randomFaults() == null) {
            return scenario;
        }
        ClusterSpec spec = ClusterSpec.defaults(scenario.nodes()).withLinks(scenario.network().toLinkConfig());
        Cluster probe = new Cluster(spec, seed, TraceSink.NONE);
        List<FaultStep> steps = new ArrayList<>(scenario.faults());
        steps.addAll(ExplicitFaults.of(ScenarioRunner.drawnFaults(scenario, probe, Time.ms(scenario.durationMs()))));
        return scenario.withFaults(steps).withRandomFaults(null);
    }

    /** ddmin over the fault steps: drop chunks of halving size while the failure persists. */
    private Scenario dropFaults(Scenario scenario, ScenarioResult original) {
        List<FaultStep> steps = new ArrayList<>(scenario.faults());
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
        }
        return named.stream().anyMatch(ref -> ref.index() >= nodes) ? null : step;
    }

    private Scenario fewerClients(Scenario scenario, ScenarioResult original) {
        for (int clients = 0; clients < scenario.clients().count() && budgetLeft(); clients++) {
            Scenario candidate = scenario.withClients(scenario.clients().withCount(clients));
            if (failsLike(candidate, original)) {
                return candidate;
            }
        }
        return scenario;
    }

    /** The shortest duration (to the millisecond, by bisection) that still fails; later steps go. */
    private Scenario shorter(Scenario scenario, ScenarioResult original) {
        long low = 1;
        long high = scenario.durationMs();
        Scenario best = scenario;
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
        List<FaultStep> kept = scenario.faults().stream().filter(step -> step.atMicros() <= endMicros).toList();
        return scenario.withDurationMs(durationMs).withFaults(kept);
    }

    private boolean failsLike(Scenario candidate, ScenarioResult original) {
        runs++;
        return runner.apply(candidate, original.seed()).failsLike(original);
    }

    private boolean budgetLeft() {
        return runs < maxRuns;
    }
}

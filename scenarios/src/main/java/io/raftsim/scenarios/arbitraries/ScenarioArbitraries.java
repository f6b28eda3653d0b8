package io.raftsim.scenarios.arbitraries;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.ClientLinks;
import io.raftsim.scenarios.format.ClientSettings;
import io.raftsim.scenarios.format.Expectation;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NetworkPatch;
import io.raftsim.scenarios.format.NetworkSettings;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.RaftSettings;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.sim.engine.Time;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * jqwik arbitraries for users' own properties over Raft runs. Fault schedules shrink
 * towards fewer faults, struck later in the run, each undone sooner: a failing property
 * reports a small schedule. Use them with {@code @ForAll("...")} and {@code @Provide}, or
 * directly:
 * <pre>{@code
 * @Property(tries = 200)
 * void raftIsSafeUnderAnyFaults(@ForAll("scenarios") Scenario scenario, @ForAll long seed) {
 *     ScenarioResult result = Simulation.of(scenario).seed(seed).run();
 *     assertTrue(result.passed(), result + "\nreplay: " + ScenarioWriter.toJson(scenario));
 * }
 *
 * @Provide
 * Arbitrary<Scenario> scenarios() {
 *     return ScenarioArbitraries.scenarios(5, 10_000);
 * }
 * }</pre>
 * A failing property prints jqwik's seed; {@code @Property(seed = "...")} replays it.
 */
public final class ScenarioArbitraries {
    private ScenarioArbitraries() {
    }

    /**
     * Network settings from a LAN to a lossy, slow one, always within Raft's timing
     * requirement (§5.6: broadcast time well below the election timeout of 150 ms): latency up
     * to 30 ms, long tails up to 100 ms, loss up to 10%. Beyond that a run may lose liveness
     * without any bug, and a failure found must be a real one.
     */
    public static Arbitrary<NetworkSettings> networkSettings() {
        Arbitrary<Integer> minLatency = Arbitraries.integers().between(0, 10).shrinkTowards(1);
        Arbitrary<Integer> spread = Arbitraries.integers().between(0, 20).shrinkTowards(0);
        // Loss stays on through the liveness phase (it is the network, not a fault): at 20% a
        // client's retries lose every request or reply for the whole bound about once in a
        // thousand runs, with no bug. At 10% that is once in a hundred thousand.
        Arbitrary<Double> drop = Arbitraries.of(0.0, 0.01, 0.05, 0.1);
        Arbitrary<Double> duplicate = Arbitraries.of(0.0, 0.01, 0.05, 0.1);
        Arbitrary<Double> tail = Arbitraries.of(0.0, 0.01, 0.05);
        Arbitrary<Integer> tailMax = Arbitraries.integers().between(30, 100).shrinkTowards(30);
        return Combinators.combine(minLatency, spread, drop, duplicate, tail, tailMax, Arbitraries.of(false, true), replies())
                .as((min, extra, dropRate, duplicateRate, tailRate, tailMaxMs, fifo, replies) ->
                        new NetworkSettings(min, min + extra, dropRate, duplicateRate, tailRate, Math.max(tailMaxMs, min + extra), fifo, replies));
    }

    /**
     * Reply settings for the whole run, within the same timing bound as the network's: none
     * (shrunk to), slower replies (a tail of up to 100 ms on up to 20% of them) or lossier ones.
     * Replies later than an election timeout are a fault spell instead ({@link #faultSchedules}).
     */
    public static Arbitrary<NetworkPatch> replies() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(NetworkPatch.NONE)),
                Tuple.of(1, Combinators.combine(Arbitraries.of(0.05, 0.2), Arbitraries.integers().between(30, 100))
                        .as((rate, maxMs) -> new NetworkPatch(null, null, null, null, rate, (double) maxMs, null))),
                Tuple.of(1, Arbitraries.of(0.05, 0.1).map(drop -> new NetworkPatch(null, null, drop, null, null, null, null))));
    }

    /**
     * A schedule of faults in {@code [0, durationMs)} on {@code nodes} servers; every fault
     * that has an undo (crash, partition, isolation, cut, pause, drift, a network change) is
     * undone after a while. Shrinks to fewer faults, later ones, shorter ones.
     */
    public static Arbitrary<List<FaultStep>> faultSchedules(int nodes, long durationMs) {
        Arbitrary<List<FaultStep>> fault = Combinators.combine(
                        Arbitraries.integers().between(0, 10),
                        Arbitraries.longs().between(0, durationMs - 1).shrinkTowards(durationMs - 1),
                        Arbitraries.longs().between(1, Math.max(1, durationMs / 4)).shrinkTowards(1),
                        Arbitraries.integers().between(0, nodes - 1),
                        Arbitraries.integers().between(0, nodes - 1),
                        Arbitraries.integers().between(0, (1 << nodes) - 1))
                .as((kind, atMs, forMs, node, other, mask) -> undoablePair(kind, atMs, Math.min(durationMs, atMs + forMs), node, other, mask, nodes));
        return fault.list().ofMaxSize(12).map(pairs -> {
            List<FaultStep> steps = new ArrayList<>();
            pairs.forEach(steps::addAll);
            return steps;
        });
    }

    /** Whole scenarios: cluster size, Raft options, network, clients and faults, with the liveness check. */
    public static Arbitrary<Scenario> scenarios(int maxNodes, long durationMs) {
        return Arbitraries.integers().between(1, Math.max(1, maxNodes)).shrinkTowards(3).flatMap(nodes ->
                Combinators.combine(raftSettings(), networkSettings(), clientSettings(), faultSchedules(nodes, durationMs))
                        .as((raft, network, clients, faults) -> new Scenario("generated", "drawn by ScenarioArbitraries", 1, nodes, durationMs,
                                raft, network, clients, faults, null, List.of(new Expectation.Live()))));
    }

    /**
     * Client-link settings ({@code network.clients}) within their documented ranges: none (shrunk
     * to), or client requests and client replies each slower, lossier, duplicated or late in
     * their own way, a field left out following the server links.
     */
    public static Arbitrary<ClientLinks> clientLinks() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(ClientLinks.NONE)),
                Tuple.of(3, Combinators.combine(linkPatch(), linkPatch()).as(ClientLinks::new)));
    }

    /** A partial link setting without {@code fifo}: latency 0..60 ms, loss and duplication up to 10%, a tail up to 500 ms. */
    private static Arbitrary<NetworkPatch> linkPatch() {
        Arbitrary<Integer> minLatency = Arbitraries.integers().between(-1, 30).shrinkTowards(-1);
        Arbitrary<Integer> spread = Arbitraries.integers().between(0, 30);
        Arbitrary<Double> drop = Arbitraries.of(-1.0, 0.0, 0.05, 0.1);
        Arbitrary<Double> duplicate = Arbitraries.of(-1.0, 0.0, 0.05);
        Arbitrary<Double> tail = Arbitraries.of(-1.0, 0.0, 0.05, 0.2);
        Arbitrary<Integer> tailMax = Arbitraries.integers().between(-1, 500).shrinkTowards(-1);
        return Combinators.combine(minLatency, spread, drop, duplicate, tail, tailMax)
                .as((min, extra, dropRate, duplicateRate, tailRate, tailMaxMs) -> new NetworkPatch(
                        min < 0 ? null : (double) min, min < 0 ? null : (double) (min + extra),
                        dropRate < 0 ? null : dropRate, duplicateRate < 0 ? null : duplicateRate,
                        tailRate < 0 ? null : tailRate, tailMaxMs < 0 ? null : (double) tailMaxMs, null));
    }

    /**
     * Mid-run steps on {@code nodes} servers over {@code durationMs}: checks of every condition
     * (within a deadline or over a window, over every server, some named or all but one), counts
     * of RPCs and bytes (over a window or until a leader or a new entry), bindings and the
     * {@code $NAME}s that use them, steps that wait ({@code when}), submits with checks naming a
     * submitted command, and rounds (written out, as the reader writes them). All within their
     * documented ranges and valid as a file: a name is used only after a step that surely binds
     * it, every window ends by the run's end, every command named was submitted by then. Shrinks
     * to fewer steps.
     */
    public static Arbitrary<List<FaultStep>> midRunSteps(int nodes, long durationMs) {
        if (durationMs < 2) {
            throw new IllegalArgumentException("mid-run steps need a run of at least 2 ms: " + durationMs);
        }
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 1_000_000);
        Arbitrary<MidRunSteps.Element> element = Combinators.combine(
                        Arbitraries.integers().between(0, MidRunSteps.KINDS - 1),
                        Arbitraries.longs().between(0, durationMs - 1),
                        any, any, any, any)
                .as(MidRunSteps.Element::new);
        return element.list().ofMaxSize(8).map(elements -> MidRunSteps.assemble(elements, nodes, durationMs));
    }

    /**
     * Whole scenarios telling a story in the middle of the run: the Raft options (the leader's
     * no-op on or off too), a network with client-link settings, clients, the faults of
     * {@link #faultSchedules} and the steps of {@link #midRunSteps}. A drawn check may well miss
     * (CHECK_FAILED is a clear outcome, naming the step): these are for properties of the
     * format and the runner, not of Raft.
     */
    public static Arbitrary<Scenario> midRunScenarios(int maxNodes, long durationMs) {
        Arbitrary<RaftSettings> raft = Combinators.combine(raftSettings(), Arbitraries.of(true, false)).as(RaftSettings::withLeaderNoOp);
        Arbitrary<NetworkSettings> network = Combinators.combine(networkSettings(), clientLinks()).as(NetworkSettings::withClients);
        return Arbitraries.integers().between(1, Math.max(1, maxNodes)).shrinkTowards(3).flatMap(nodes ->
                Combinators.combine(raft, network, clientSettings(), faultSchedules(nodes, durationMs), midRunSteps(nodes, durationMs))
                        .as((r, n, clients, faults, story) -> {
                            List<FaultStep> steps = new ArrayList<>(story);
                            steps.addAll(faults);
                            steps.sort(java.util.Comparator.comparingLong(FaultStep::atMicros)); // stable: the story's order holds at equal times
                            return new Scenario("generated", "drawn by ScenarioArbitraries.midRunScenarios", 1, nodes, durationMs,
                                    r, n, clients, steps, null, List.of());
                        }));
    }

        /** The catalogue's scenarios, for properties over every built-in one. */
    public static Arbitrary<Scenario> catalogue() {
        return Arbitraries.of(Catalogue.NAMES).map(Catalogue::load);
    }

    public static Arbitrary<RaftSettings> raftSettings() {
        return Combinators.combine(Arbitraries.of(false, true), Arbitraries.of(false, true), Arbitraries.of(false, true),
                        Arbitraries.integers().between(1, 64).shrinkTowards(64), Arbitraries.integers().between(1, 4).shrinkTowards(1))
                .as((preVote, checkQuorum, fastBacktrack, batch, inflight) -> new RaftSettings(150, 300, 50, preVote, checkQuorum,
                        fastBacktrack, batch, inflight, new TreeMap<>(), false));
    }

    public static Arbitrary<ClientSettings> clientSettings() {
        return Combinators.combine(Arbitraries.integers().between(0, 4).shrinkTowards(0), Arbitraries.integers().between(1, 40),
                        Arbitraries.integers().between(1, 8).shrinkTowards(1))
                .as((count, ops, keys) -> new ClientSettings(count, ops, keys, 400));
    }

    private static List<FaultStep> undoablePair(int kind, long atMs, long untilMs, int node, int other, int mask, int nodes) {
        long at = Time.ms(atMs);
        long until = Time.ms(untilMs);
        NodeRef target = NodeRef.server(node);
        return switch (kind) {
            case 0 -> List.of(new FaultStep.NodeAction(at, "crash", target), new FaultStep.NodeAction(until, "restart", target));
            case 1 -> List.of(new FaultStep.NodeAction(at, "pause", target), new FaultStep.NodeAction(until, "resume", target));
            case 2 -> List.of(new FaultStep.Isolate(at, target), new FaultStep.Heal(until));
            case 3 -> other == node ? List.of() : List.of(new FaultStep.Cut(at, target, NodeRef.server(other)), new FaultStep.Heal(until));
            case 4 -> List.of(new FaultStep.Drift(at, target, 0.9 + (mask % 21) / 100.0), new FaultStep.Drift(until, target, 1.0));
            case 5 -> List.of(new FaultStep.Network(at, new NetworkPatch(null, null, 0.3, null, null, null, null), null, null),
                    new FaultStep.Network(until, new NetworkPatch(null, null, 0.0, null, null, null, null), null, null));
            case 6 -> List.of(new FaultStep.Network(at, new NetworkPatch(null, null, null, 0.3, null, null, null), null, null),
                    new FaultStep.Network(until, new NetworkPatch(null, null, null, 0.0, null, null, null), null, null));
            // Replies late and requests on time, far beyond an election timeout, for a while; the
            // undo sends replies as requests again (an empty reply patch).
            case 8 -> List.of(new FaultStep.Network(at, NetworkPatch.NONE, null, null, new NetworkPatch(null, null, null, null, 0.5, 1_500.0, null)),
                    new FaultStep.Network(until, NetworkPatch.NONE, null, null, NetworkPatch.NONE));
            // The clients' workload stops for a while; commands submitted to one server, leader or not.
            case 9 -> List.of(new FaultStep.Clients(at, false), new FaultStep.Clients(until, true));
            case 10 -> List.of(new FaultStep.Submit(at, 1 + mask % 5, other == node ? NodeRef.LEADER : target));
            default -> partition(at, until, mask, nodes);
        };
    }

    /** Two groups by the bits of {@code mask}; nothing when one side would be empty. */
    private static List<FaultStep> partition(long at, long until, int mask, int nodes) {
        List<NodeRef> left = new ArrayList<>();
        List<NodeRef> right = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            ((mask & (1 << node)) != 0 ? left : right).add(NodeRef.server(node));
        }
        if (left.isEmpty() || right.isEmpty()) {
            return List.of();
        }
        return List.of(new FaultStep.Partition(at, List.of(left, right)), new FaultStep.Heal(until));
    }
}

package io.raftsim.bench;

import io.raftsim.raft.bugs.Bug;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.ClusterOutcome;
import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.harness.cluster.Verdict;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Overrides;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.sim.fault.FaultKind;
import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.FaultScheduleGenerator;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.TraceSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * For each planted {@link Bug}, how many seeds the random scenario needs to catch it: from
 * several start seeds (1, 10001, 20001, ...), the seeds run until the first failure, with
 * the wall time and the verdict. Once with the swarm fault profile drawn from each seed (what
 * the catalogue's random scenario does), once with every fault kind at a fixed middle intensity, to
 * show what swarm testing buys. Each run: 5 nodes, 20 s virtual, liveness phase, linearizability.
 * Profile {@code random} runs the catalogue's {@code random} scenario itself through the
 * scenario runner, so it draws exactly what {@code raftsim sweep random} draws: the fault kinds,
 * and also the Raft options and the network (SwarmDraw); the other profiles draw faults only,
 * with the Raft defaults (and --check-quorum, --max-entries-per-append) on a calm network.
 *
 * <p>Usage: {@code BugHunt [--budget SEEDS] [--ranges N] [--bugs NAME,NAME|none] [--profiles P,P] [--rate true]}.
 * Profiles: random, swarm, all, alldrawn, all:MS/MS, swarm:MS/MS, only:KIND+KIND. Defaults: 2000 seeds
 * per range, 5 ranges, every bug, swarm and all. {@code --rate true} runs every seed of
 * 1..budget and prints seeds per detection instead of first hits.
 */
public final class BugHunt {
    private static final long DURATION_MICROS = 20_000_000;
    private static final int NODES = 5;
    private static final long RANGE_STRIDE = 10_000;
    /** The all-kinds baseline: a fault every second on average, each lasting about a second. */
    private static final long ALL_KINDS_INTERVAL_MICROS = 1_000_000;
    private static final long ALL_KINDS_DURATION_MICROS = 1_000_000;
    /**
     * A correct 20 s run takes about 10 k steps; some bugs (TRUNCATE_ON_MATCHING_APPEND under
     * duplication) set off append storms of 10 M steps and more. Such a run stops at this bound
     * as LIMIT_REACHED, which is not counted as a detection, so the hunt goes on to the next
     * seed instead of spending minutes on one.
     */
    private static final long DEFAULT_MAX_STEPS = 1_000_000;

    private BugHunt() {
    }

    /** The first failing seed of one range, or none within the budget. */
    private record Hunt(long startSeed, long seedsRun, boolean found, Verdict verdict, String property, double wallSeconds, long limitReached) {
    }

    public static void main(String[] args) {
        int budgetSeeds = 2000;
        int ranges = 5;
        Set<Bug> bugs = EnumSet.allOf(Bug.class);
        List<Profile> profiles = List.of(Profile.parse("random"), Profile.parse("swarm"));
        int maxEntriesPerAppend = ClusterSpec.defaults(NODES).raft().maxEntriesPerAppend();
        boolean checkQuorum = false;
        long maxSteps = DEFAULT_MAX_STEPS;
        boolean rateMode = false;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--budget" -> budgetSeeds = Integer.parseInt(value);
                case "--ranges" -> ranges = Integer.parseInt(value);
                case "--bugs" -> {
                    bugs = EnumSet.noneOf(Bug.class);
                    for (String name : value.equals("none") ? new String[0] : value.split(",")) {
                        bugs.add(Bug.valueOf(name.trim()));
                    }
                }
                case "--profiles" -> profiles = Arrays.stream(value.split(",")).map(Profile::parse).toList();
                case "--max-entries-per-append" -> maxEntriesPerAppend = Integer.parseInt(value);
                case "--check-quorum" -> checkQuorum = Boolean.parseBoolean(value);
                case "--max-steps" -> maxSteps = Long.parseLong(value);
                case "--rate" -> rateMode = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: BugHunt [--budget SEEDS] [--ranges N] [--bugs NAME,NAME|none] [--profiles random,swarm,all,alldrawn,all:MS/MS,swarm:MS/MS,only:KIND+KIND] [--rate true]"
                        + " [--max-entries-per-append N] [--check-quorum true|false] [--max-steps N]");
            }
        }
        ClusterSpec defaults = ClusterSpec.defaults(NODES);
        ClusterSpec spec = defaults.withRaft(defaults.raft().withBatching(maxEntriesPerAppend, defaults.raft().maxInflightAppends())
                .withCheckQuorum(checkQuorum)).withLimits(defaults.limits().withMaxSteps(maxSteps));
        System.out.printf(Locale.ROOT, "%d-node clusters, %d s virtual, budget %d seeds per range, ranges start at 1, %d, ...; %s%n",
                NODES, DURATION_MICROS / 1_000_000, budgetSeeds, 1 + RANGE_STRIDE, spec.raft());
        if (rateMode) {
            rates(spec, bugs, profiles, budgetSeeds);
            return;
        }
        System.out.printf(Locale.ROOT, "%-34s %-7s %-22s %10s %10s %-28s %s%n",
                "bug", "profile", "expected", "median", "median s", "verdict [property] (ranges)", "seeds to first detection per range");
        for (Bug bug : bugs) {
            for (Profile profile : profiles) {
                List<Hunt> hunts = new ArrayList<>();
                for (int range = 0; range < ranges; range++) {
                    hunts.add(hunt(spec, bug, profile, 1 + range * RANGE_STRIDE, budgetSeeds));
                }
                print(bug, profile, hunts, budgetSeeds);
            }
        }
    }

    /**
     * Detection rate: every seed of 1..budget is run and the failures counted, so the estimate
     * uses every seed, not only the first hit; 1/rate is the expected seeds to a detection.
     */
    private static void rates(ClusterSpec spec, Set<Bug> bugs, List<Profile> profiles, int budgetSeeds) {
        System.out.printf(Locale.ROOT, "%-34s %-28s %8s %8s %12s %8s%n", "bug", "profile", "found", "limit", "seeds/found", "wall s");
        List<Set<Bug>> plantings = new ArrayList<>();
        bugs.forEach(bug -> plantings.add(EnumSet.of(bug)));
        if (bugs.isEmpty()) {
            plantings.add(EnumSet.noneOf(Bug.class));
        }
        for (Set<Bug> planted : plantings) {
            for (Profile profile : profiles) {
                long startNanos = System.nanoTime();
                int found = 0;
                int limit = 0;
                for (long seed = 1; seed <= budgetSeeds; seed++) {
                    Verdict verdict = run(spec, seed, profile, planted).verdict();
                    if (verdict == Verdict.LIMIT_REACHED) {
                        limit++;
                    } else if (verdict != Verdict.PASSED) {
                        found++;
                    }
                }
                System.out.printf(Locale.ROOT, "%-34s %-28s %8d %8d %12s %8.1f%n", planted.isEmpty() ? "(none)" : planted, profile.name(), found, limit,
                        found == 0 ? ">" + budgetSeeds : String.format(Locale.ROOT, "%.1f", budgetSeeds / (double) found),
                        (System.nanoTime() - startNanos) / 1e9);
            }
        }
    }

    private static Hunt hunt(ClusterSpec spec, Bug bug, Profile profile, long startSeed, int budgetSeeds) {
        long startNanos = System.nanoTime();
        long limitReached = 0;
        for (long seed = startSeed; seed < startSeed + budgetSeeds; seed++) {
            ClusterOutcome outcome = run(spec, seed, profile, EnumSet.of(bug));
            if (outcome.verdict() == Verdict.LIMIT_REACHED) {
                limitReached++;
                continue;
            }
            if (outcome.verdict() != Verdict.PASSED) {
                return new Hunt(startSeed, seed - startSeed + 1, true, outcome.verdict(), outcome.property(),
                        (System.nanoTime() - startNanos) / 1e9, limitReached);
            }
        }
        return new Hunt(startSeed, budgetSeeds, false, Verdict.PASSED, null, (System.nanoTime() - startNanos) / 1e9, limitReached);
    }

    /**
     * A named way to draw a seed's fault profile from its fault stream, parsed once from
     * {@code --profiles}; or, for "random", the catalogue scenario ({@code draw} null).
     */
    record Profile(String name, Function<RandomStream, FaultProfile> draw) {
        static Profile parse(String name) {
            if (name.equals("random")) {
                return new Profile(name, null);
            }
            return new Profile(name, switch (name) {
                case "swarm" -> FaultProfile::swarm;
                case "all" -> random -> FaultProfile.allKinds(ALL_KINDS_INTERVAL_MICROS, ALL_KINDS_DURATION_MICROS);
                case "alldrawn" -> Profile::allKindsAtDrawnIntensity;
                default -> parseParameterized(name);
            });
        }

        /**
         * Every kind, at the intensity swarm would draw for this seed: only the choice of kinds
         * differs from "swarm", so the comparison isolates what that choice buys.
         */
        private static FaultProfile allKindsAtDrawnIntensity(RandomStream random) {
            FaultProfile drawn = FaultProfile.swarm(random);
            return FaultProfile.allKinds(drawn.meanIntervalMicros(), drawn.meanFaultDurationMicros());
        }

        private static Function<RandomStream, FaultProfile> parseParameterized(String name) {
            String argument = name.substring(name.indexOf(':') + 1);
            if (name.startsWith("all:")) {
                // Every kind at one fixed intensity: "all:MEAN_INTERVAL_MS/MEAN_DURATION_MS".
                long[] micros = intervalAndDurationMicros(argument);
                return random -> FaultProfile.allKinds(micros[0], micros[1]);
            }
            if (name.startsWith("swarm:")) {
                // The kinds swarm draws for this seed, at one fixed intensity: "swarm:MS/MS".
                long[] micros = intervalAndDurationMicros(argument);
                return random -> new FaultProfile(FaultProfile.swarm(random).enabled(), micros[0], micros[1]);
            }
            if (name.startsWith("only:")) {
                // Just these kinds, at the intensity swarm would draw for this seed.
                EnumSet<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
                for (String kind : argument.split("\\+")) {
                    kinds.add(FaultKind.valueOf(kind));
                }
                return random -> {
                    FaultProfile drawn = FaultProfile.swarm(random);
                    return new FaultProfile(kinds, drawn.meanIntervalMicros(), drawn.meanFaultDurationMicros());
                };
            }
            throw new IllegalArgumentException("profile must be random, swarm, all, alldrawn, all:MS/MS, swarm:MS/MS or only:KIND+KIND: " + name);
        }

        private static long[] intervalAndDurationMicros(String millis) {
            String[] parts = millis.split("/");
            return new long[] {Long.parseLong(parts[0]) * 1000, Long.parseLong(parts[1]) * 1000};
        }
    }

    /** One run of the random scenario with the bugs planted, its faults drawn by the profile from the seed's fault stream. */
    static ClusterOutcome run(ClusterSpec spec, long seed, Profile profile, Set<Bug> bugs) {
        if (profile.draw() == null) {
            return ScenarioRunner.run(randomScenario(spec.limits().maxSteps()), seed, TraceSink.NONE, Bug.names(bugs)).cluster();
        }
        Cluster cluster = new Cluster(spec, seed, TraceSink.NONE, Bug.names(bugs));
        RandomStream random = cluster.engine().randomStream("faults");
        FaultSchedule faults = FaultScheduleGenerator.generate(random, profile.draw().apply(random), NODES, 0, DURATION_MICROS,
                cluster.spec().links());
        return cluster.run(DURATION_MICROS, faults, true);
    }

    private static Scenario randomScenario;

    /** The catalogue's random scenario, with the hunt's step cap; read once. */
    private static Scenario randomScenario(long maxSteps) {
        if (randomScenario == null) {
            randomScenario = ScenarioReader.fromTree(Overrides.apply(Catalogue.tree("random"), List.of("maxSteps=" + maxSteps)), "random");
        }
        return randomScenario;
    }

    private static void print(Bug bug, Profile profile, List<Hunt> hunts, int budgetSeeds) {
        long[] seeds = new long[hunts.size()];
        double[] seconds = new double[hunts.size()];
        TreeMap<String, Integer> classes = new TreeMap<>();
        StringBuilder perRange = new StringBuilder();
        for (int i = 0; i < hunts.size(); i++) {
            Hunt hunt = hunts.get(i);
            // A range without a detection counts as beyond the budget, so the median stays honest.
            seeds[i] = hunt.found() ? hunt.seedsRun() : budgetSeeds + 1L;
            seconds[i] = hunt.wallSeconds();
            String verdict = hunt.found() ? hunt.verdict() + (hunt.property() != null ? " [" + hunt.property() + "]" : "") : "not found";
            classes.merge(verdict, 1, Integer::sum);
            perRange.append(i == 0 ? "" : " ").append(hunt.found() ? Long.toString(hunt.seedsRun()) : ">" + budgetSeeds)
                    .append(hunt.limitReached() > 0 ? "(" + hunt.limitReached() + " at step limit)" : "");
        }
        Arrays.sort(seeds);
        Arrays.sort(seconds);
        long medianSeeds = seeds[seeds.length / 2];
        StringBuilder verdicts = new StringBuilder();
        classes.forEach((verdict, count) -> verdicts.append(verdicts.length() == 0 ? "" : "; ").append(verdict).append(" x").append(count));
        System.out.printf(Locale.ROOT, "%-34s %-7s %-22s %10s %10.2f %-28s %s%n", bug, profile.name(), bug.expectedProperty(),
                medianSeeds > budgetSeeds ? ">" + budgetSeeds : Long.toString(medianSeeds), seconds[seconds.length / 2], verdicts, perRange);
    }
}

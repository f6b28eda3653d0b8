package io.raftsim.bench;

import io.raftsim.harness.event.RaftEvent;
import io.raftsim.harness.spi.Role;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Overrides;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.trace.TraceRecord;
import io.raftsim.sim.trace.TraceSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures how long a cluster goes without a leader under the two election-timer rules: Figure
 * 2's (a follower restarts its timer only for the current leader's AppendEntries or a vote it
 * grants) and the reset on every higher term that raftsim used before. A gap opens when no
 * live server leads in the highest term any live server holds (a crashed or paused server is
 * not live) and closes when one does; a gap still open when the run ends counts to the end.
 *
 * <p>Usage: {@code ElectionTimerStudy [--seeds N] [--lossy-seeds N] [--only SCENARIO]}: every catalogue scenario
 * over seeds 1..N (default 200), then a lossy, reordering, crashing five-server cluster over
 * 1..M (default 1000): flaky-network's links (10% loss, a third of messages up to 2.2 s late)
 * and timeouts (300-600 ms) with crashes and isolations drawn as in crash-churn. Prints a Markdown table: gaps, median, 99th percentile and worst gap per rule.
 */
public final class ElectionTimerStudy {
    private ElectionTimerStudy() {
    }

    public static void main(String[] args) {
        int seeds = 200;
        int lossySeeds = 1000;
        String only = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[i + 1]);
                case "--lossy-seeds" -> lossySeeds = Integer.parseInt(args[i + 1]);
                case "--only" -> only = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("| scenario | seeds | timer rule | gaps | median ms | 99th pct ms | worst ms | failed runs |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String name : Catalogue.NAMES) {
            if (only == null || only.equals(name)) {
                study(name, Catalogue.tree(name), seeds);
            }
        }
        // flaky-network's links and timeouts, with crash-churn's crashes and isolations on top.
        var lossy = Overrides.apply(Catalogue.tree("crash-churn"), List.of(
                "name=\"lossy-reordering-churn\"", "raft.electionTimeoutMs.min=300", "raft.electionTimeoutMs.max=600",
                "network.latencyMs.min=0", "network.latencyMs.max=26",
                "network.dropRate=0.1", "network.tailRate=0.33", "network.tailMaxMs=2200",
                "randomFaults.kinds=[\"crash\",\"isolate\"]", "expect=[\"live\"]"));
        if (only == null || only.equals("lossy-reordering-churn")) {
            study("lossy-reordering-churn", lossy, lossySeeds);
        }
    }

    private static void study(String name, tools.jackson.databind.node.ObjectNode tree, int seeds) {
        for (boolean reset : new boolean[] {false, true}) {
            var variant = Overrides.apply(tree, List.of("raft.electionTimerResetOnHigherTerm=" + reset));
            Scenario scenario = ScenarioReader.fromTree(variant, name);
            List<Long> gaps = new ArrayList<>();
            int failed = 0;
            for (long seed = 1; seed <= seeds; seed++) {
                GapMeter meter = new GapMeter(scenario.nodes());
                ScenarioResult result = ScenarioRunner.run(scenario, seed, meter);
                meter.close(result);
                gaps.addAll(meter.gapsMicros);
                if (result.outcome() != Outcome.PASSED) {
                    failed++;
                }
            }
            long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %s | %s | %s | %d |%n", name, seeds,
                    reset ? "reset on higher term" : "Figure 2", sorted.length, ms(percentile(sorted, 0.5)),
                    ms(percentile(sorted, 0.99)), ms(sorted.length == 0 ? -1 : sorted[sorted.length - 1]), failed);
        }
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static String ms(long micros) {
        return micros < 0 ? "-" : String.valueOf(Math.round(micros / 1000.0));
    }

    /** Follows roles, terms and liveness from the trace; records every leaderless gap. */
    private static final class GapMeter implements TraceSink {
        private final Role[] role;
        private final long[] term;
        private final boolean[] live;
        private final List<Long> gapsMicros = new ArrayList<>();
        private long gapStartMicros = 0;
        private long lastMicros;

        GapMeter(int nodes) {
            role = new Role[nodes];
            term = new long[nodes];
            live = new boolean[nodes];
            Arrays.fill(role, Role.FOLLOWER);
            Arrays.fill(live, true);
        }

        @Override
        public void accept(TraceRecord record) {
            lastMicros = record.timeMicros();
            Object payload = record.payload();
            if (payload instanceof RaftEvent.RoleChanged changed) {
                role[changed.node()] = changed.to();
                term[changed.node()] = changed.term();
            } else if (payload instanceof RaftEvent.Restored restored) {
                role[restored.node()] = Role.FOLLOWER;
                term[restored.node()] = restored.term();
                live[restored.node()] = true;
            } else if (payload instanceof FaultAction.Crash crash) {
                live[crash.node()] = false;
            } else if (payload instanceof FaultAction.Pause pause) {
                live[pause.node()] = false;
            } else if (payload instanceof FaultAction.Resume resume) {
                live[resume.node()] = true;
            } else {
                return;
            }
            boolean led = led();
            if (led && gapStartMicros >= 0) {
                gapsMicros.add(lastMicros - gapStartMicros);
                gapStartMicros = -1;
            } else if (!led && gapStartMicros < 0) {
                gapStartMicros = lastMicros;
            }
        }

        private boolean led() {
            long highest = -1;
            for (int node = 0; node < role.length; node++) {
                if (live[node]) {
                    highest = Math.max(highest, term[node]);
                }
            }
            for (int node = 0; node < role.length; node++) {
                if (live[node] && role[node] == Role.LEADER && term[node] == highest) {
                    return true;
                }
            }
            return false;
        }

        void close(ScenarioResult result) {
            if (gapStartMicros >= 0) {
                gapsMicros.add(Math.max(lastMicros, result.scenario().durationMs() * 1000) - gapStartMicros);
            }
        }
    }
}

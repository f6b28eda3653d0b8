package io.raftsim.scenarios.cli;

import io.raftsim.harness.spi.Feature;
import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.check.SafetyProperty;
import io.raftsim.harness.cluster.ClusterStats;
import io.raftsim.scenarios.run.ExpectationResult;
import io.raftsim.scenarios.run.RunStats;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.SwarmDraw;
import io.raftsim.scenarios.run.SwarmOption;
import io.raftsim.scenarios.format.RandomFaults;
import io.raftsim.sim.engine.RunResult;
import io.raftsim.sim.engine.Time;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/** Renders a run for people (aligned lines) or for tools (one JSON object). */
final class Summary {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Summary() {
    }

    static String text(ScenarioResult result, double wallSeconds) {
        RunResult run = result.run();
        ClusterStats cluster = result.clusterStats();
        RunStats stats = result.stats();
        StringBuilder text = new StringBuilder();
        line(text, "scenario", TerminalText.safe(result.scenario().name()) + " (" + result.scenario().nodes() + " nodes, "
                + result.scenario().durationMs() + " ms, " + stats.faultsApplied() + " fault steps)");
        line(text, "seed", Long.toString(result.seed()));
        if (!result.scenario().implementation().name().equals(Implementations.DEFAULT)) {
            line(text, "implementation", TerminalText.safe(result.scenario().implementation().name()
                    + (result.scenario().implementation().settings().isEmpty() ? "" : " " + result.scenario().implementation().settings())));
        }
        if (drawsOptions(result)) {
            line(text, "drawn on", drawnOn(result).isEmpty() ? "no swarm option" : String.join(", ", drawnOn(result)));
        }
        line(text, "elections", stats.elections() + " won by " + stats.distinctLeaders() + (stats.distinctLeaders() == 1 ? " server" : " servers")
                + ", highest term " + stats.highestTerm()
                + (stats.firstLeaderMicros() >= 0 ? ", first at " + Time.format(stats.firstLeaderMicros()) : "")
                + (stats.splitVoteTerms() > 0 ? ", " + stats.splitVoteTerms() + " split votes" : ""));
        line(text, "leaders", leaders(stats));
        line(text, "committed", "through index " + cluster.committedIndex()
                + (stats.rolledBackEntries() > 0 ? ", " + stats.rolledBackEntries() + " uncommitted entries rolled back" : ""));
        line(text, "client ops", cluster.operationsInvoked() + " invoked, " + cluster.operationsCompleted() + " completed, "
                + cluster.operationsUnknown() + " unknown");
        line(text, "checks", SafetyProperty.values().length + " safety properties after each of " + run.steps() + " steps, linearizability"
                + (result.scenario().expects(io.raftsim.scenarios.format.Expectation.Live.class) ? ", liveness" : "")
                + unseenEntries(cluster));
        line(text, "efficiency", !Implementations.named(result.scenario().implementation().name()).features().contains(Feature.EXACT_TIMING)
                ? "not checked: the implementation does not honour the configured timing exactly"
                : io.raftsim.scenarios.run.Requirements.of(SwarmDraw.withDrawnRaftOptions(result.scenario(), result.seed()))
                        .containsKey(Feature.MEMBERSHIP_CHANGES)
                ? "not checked: its bounds assume the same voters from start to end, which spare servers and membership changes break"
                : efficiency(stats.efficiency()));
        for (ExpectationResult expectation : result.expectations()) {
            line(text, "expect", (expectation.reached() ? "ok   " : "MISS ") + expectation.expectation().describe() + ": " + expectation.detail());
        }
        line(text, "virtual time", Time.format(run.virtualTimeMicros()));
        line(text, "wall time", String.format(Locale.ROOT, "%.3f s", wallSeconds));
        line(text, "digest", run.digestHex());
        line(text, "result", result.outcome() + (result.property() != null ? " [" + result.property() + "] " + result.message() : ""));
        return text.toString();
    }

    /**
     * Said only when it happened: committed entries the server that committed them first compacted in the same
     * step (a sole voter), so the checks compared them only once another server showed them, or, if none did, by
     * the state fingerprint alone (docs/bugs.md, seed 837).
     */
    private static String unseenEntries(ClusterStats cluster) {
        if (cluster.learnedCommittedHashes() == 0 && cluster.unknownCommittedHashes() == 0) {
            return "";
        }
        return "; " + (cluster.learnedCommittedHashes() + cluster.unknownCommittedHashes()) + " committed entries compacted before a check saw them: "
                + cluster.learnedCommittedHashes() + " compared once another server showed them, " + cluster.unknownCommittedHashes()
                + " by state fingerprint only";
    }

    private static boolean drawsOptions(ScenarioResult result) {
        RandomFaults random = result.scenario().randomFaults();
        return random != null && (random.drawNetwork() || random.drawRaftOptions());
    }

    /** The swarm options this seed drew on (PreVote, late replies, ...), by their keys. */
    private static List<String> drawnOn(ScenarioResult result) {
        return SwarmDraw.of(result.scenario(), result.seed()).on().stream().map(SwarmOption::key).toList();
    }

    static ObjectNode json(ScenarioResult result, double wallSeconds, String replay) {
        RunResult run = result.run();
        ClusterStats cluster = result.clusterStats();
        RunStats stats = result.stats();
        ObjectNode fields = JSON.createObjectNode();
        fields.put("scenario", result.scenario().name());
        fields.put("seed", result.seed());
        fields.put("result", result.outcome().name());
        fields.put("property", result.property());
        fields.put("message", result.message());
        fields.put("elections", stats.elections());
        fields.put("highestTerm", stats.highestTerm());
        fields.put("distinctLeaders", stats.distinctLeaders());
        fields.put("splitVoteTerms", stats.splitVoteTerms());
        fields.put("rolledBackEntries", stats.rolledBackEntries());
        fields.put("committedIndex", cluster.committedIndex());
        fields.put("operationsInvoked", cluster.operationsInvoked());
        fields.put("operationsCompleted", cluster.operationsCompleted());
        fields.put("operationsUnknown", cluster.operationsUnknown());
        ObjectNode efficiency = fields.putObject("efficiency");
        efficiency.put("candidaciesJudged", stats.efficiency().candidaciesJudged());
        stats.efficiency().leaderRecoveryMicros().forEach(efficiency.putArray("leaderRecoveryMicros")::add);
        stats.efficiency().electionsPerLeaderChange().forEach(efficiency.putArray("electionsPerLeaderChange")::add);
        ArrayNode messagesPerEntry = efficiency.putArray("messagesPerEntry");
        stats.efficiency().messagesPerEntryTenths().forEach(tenths -> messagesPerEntry.add(tenths / 10.0));
        if (drawsOptions(result)) {
            ArrayNode drawn = fields.putArray("drawnOn");
            drawnOn(result).forEach(drawn::add);
        }
        ArrayNode expectations = fields.putArray("expectations");
        for (ExpectationResult expectation : result.expectations()) {
            expectations.addObject().put("name", expectation.expectation().key()).put("reached", expectation.reached())
                    .put("detail", expectation.detail());
        }
        fields.put("steps", run.steps());
        fields.put("virtualTimeMicros", run.virtualTimeMicros());
        fields.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
        fields.put("digest", run.digestHex());
        fields.put("replay", replay);
        return fields;
    }

    /** What the efficiency checks measured in quiet windows, in one line. */
    private static String efficiency(io.raftsim.harness.check.EfficiencyStats efficiency) {
        StringBuilder text = new StringBuilder(efficiency.candidaciesJudged() + " elections judged against the minimum election timeout");
        if (!efficiency.leaderRecoveryMicros().isEmpty()) {
            text.append("; quiet leader changes: ");
            for (int i = 0; i < efficiency.leaderRecoveryMicros().size(); i++) {
                text.append(i == 0 ? "" : ", ").append(Time.format(efficiency.leaderRecoveryMicros().get(i)))
                        .append(" (").append(efficiency.electionsPerLeaderChange().get(i)).append(" terms)");
            }
        }
        if (!efficiency.messagesPerEntryTenths().isEmpty()) {
            text.append("; RPCs per entry under load:");
            efficiency.messagesPerEntryTenths().forEach(tenths -> text.append(String.format(Locale.ROOT, " %.1f", tenths / 10.0)));
        }
        return text.toString();
    }

    /** Who led which term, the first and last few when there were many. */
    private static String leaders(RunStats stats) {
        if (stats.leaderOfTerm().isEmpty()) {
            return "none";
        }
        java.util.List<String> terms = new java.util.ArrayList<>();
        stats.leaderOfTerm().forEach((term, leader) -> terms.add("t" + term + " n" + (leader + 1)));
        if (terms.size() > 8) {
            return String.join(", ", terms.subList(0, 4)) + ", ... " + (terms.size() - 8) + " more ..., "
                    + String.join(", ", terms.subList(terms.size() - 4, terms.size()));
        }
        return String.join(", ", terms);
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "%-13s %s%n", label, value));
    }
}

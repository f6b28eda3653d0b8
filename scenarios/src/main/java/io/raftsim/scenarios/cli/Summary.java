package io.raftsim.scenarios.cli;

import io.raftsim.raft.cluster.ClusterOutcome;
import io.raftsim.raft.cluster.ClusterStats;
import io.raftsim.sim.engine.RunResult;
import io.raftsim.sim.engine.Time;

import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Renders a run for people (aligned lines) or for tools (one JSON object). */
final class Summary {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Summary() {
    }

    static String text(ClusterOutcome outcome, String scenario, long seed, int nodes, double wallSeconds) {
        RunResult run = outcome.run();
        ClusterStats stats = outcome.stats();
        StringBuilder text = new StringBuilder();
        line(text, "scenario", scenario + " (" + nodes + " nodes)");
        line(text, "seed", Long.toString(seed));
        line(text, "elections", stats.elections() + " won, highest term " + stats.highestTerm());
        line(text, "committed", "through index " + stats.committedIndex());
        line(text, "client ops", stats.operationsInvoked() + " invoked, " + stats.operationsCompleted() + " completed, "
                + stats.operationsUnknown() + " unknown");
        line(text, "checks", "8 safety properties after each of " + run.steps() + " steps, liveness, linearizability");
        line(text, "virtual time", Time.format(run.virtualTimeMicros()));
        line(text, "wall time", String.format(Locale.ROOT, "%.3f s", wallSeconds));
        line(text, "digest", run.digestHex());
        line(text, "result", outcome.verdict() + (outcome.property() != null ? " [" + outcome.property() + "] " + outcome.message() : ""));
        return text.toString();
    }

    static String json(ClusterOutcome outcome, long seed, double wallSeconds, String replay) {
        RunResult run = outcome.run();
        ClusterStats stats = outcome.stats();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seed", seed);
        fields.put("result", outcome.verdict().name());
        fields.put("property", outcome.property());
        fields.put("message", outcome.message());
        fields.put("elections", stats.elections());
        fields.put("highestTerm", stats.highestTerm());
        fields.put("committedIndex", stats.committedIndex());
        fields.put("operationsInvoked", stats.operationsInvoked());
        fields.put("operationsCompleted", stats.operationsCompleted());
        fields.put("operationsUnknown", stats.operationsUnknown());
        fields.put("steps", run.steps());
        fields.put("virtualTimeMicros", run.virtualTimeMicros());
        fields.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
        fields.put("digest", run.digestHex());
        fields.put("replay", replay);
        return JSON.writeValueAsString(fields);
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "%-13s %s%n", label, value));
    }
}

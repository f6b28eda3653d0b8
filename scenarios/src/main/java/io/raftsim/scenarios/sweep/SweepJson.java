package io.raftsim.scenarios.sweep;

import io.raftsim.reports.build.BuildIdentity;
import io.raftsim.reports.io.InputFiles;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.format.ScenarioHash;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.SwarmOption;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * A sweep summary as one JSON object ({@code sweep --json}), and back, so shard summaries
 * from many machines can be merged ({@code raftsim merge}). Wall time is left out on
 * purpose: the object depends only on the scenario and the seeds.
 */
public final class SweepJson {
    public static final String FORMAT = "raftsim-sweep-summary";
    public static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** A summary holds counts and at most {@link SweepSummary#MAX_FAILURES_KEPT} failures: far below this. */
    static final long MAX_FILE_BYTES = 16L << 20;

    private SweepJson() {
    }

    /**
     * The sweep's identity, as a summary file carries it: what ran, on which seeds, replayed
     * how, and by which code: {@code scenarioHash} ({@link ScenarioHash}) and {@code build}
     * let a merge refuse shards of an edited scenario or of another build.
     */
    public record Header(String scenario, String seeds, String replayTemplate, String scenarioHash, BuildIdentity build) {
        /** A header of this build. */
        public Header(String scenario, String seeds, String replayTemplate, String scenarioHash) {
            this(scenario, seeds, replayTemplate, scenarioHash, BuildIdentity.current());
        }
    }

    public static String replay(String template, long seed) {
        return template.replace("{seed}", Long.toString(seed));
    }

    /** @param header the scenario, the seeds and the replay command with {@code {seed}} where the seed goes */
    public static ObjectNode write(Header header, SweepSummary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("scenario", header.scenario());
        root.put("seeds", header.seeds());
        root.put("replay", header.replayTemplate());
        root.put("scenarioHash", header.scenarioHash());
        root.putObject("build").put("version", header.build().version()).put("commit", header.build().commit());
        root.put("runs", summary.runs());
        root.put("passed", summary.passed());
        root.put("failed", summary.failed());
        root.put("undecided", summary.undecided());
        root.put("steps", summary.steps());
        root.put("combinedDigest", Long.toHexString(summary.combinedDigest()));
        ObjectNode outcomes = root.putObject("outcomes");
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome.name(), summary.outcomes().getOrDefault(outcome, 0L));
        }
        ObjectNode expectations = root.putObject("expectationsReached");
        summary.expectationsReached().forEach(expectations::put);
        ObjectNode elections = root.putObject("electionsPerRun");
        summary.electionsPerRun().forEach((k, v) -> elections.put(Long.toString(k), v));
        ObjectNode terms = root.putObject("highestTermPerRun");
        summary.highestTermPerRun().forEach((k, v) -> terms.put(Long.toString(k), v));
        histogram(root, "leaderRecoveryMs", summary.leaderRecoveryMs());
        histogram(root, "electionsPerLeaderChange", summary.electionsPerLeaderChange());
        histogram(root, "messagesPerEntry", summary.messagesPerEntry());
        if (!summary.optionsOn().isEmpty()) {
            ObjectNode options = root.putObject("swarmOptionsOn");
            summary.optionsOn().forEach((option, count) -> options.put(option.key(), count));
        }
        ArrayNode failures = root.putArray("failures");
        for (SweepSummary.Failure failure : summary.failures()) {
            failures.addObject().put("seed", failure.seed()).put("outcome", failure.outcome().name())
                    .put("property", failure.property()).put("message", failure.message()).put("replay", replay(header.replayTemplate(), failure.seed()));
        }
        return root;
    }

    private static void histogram(ObjectNode root, String field, java.util.TreeMap<Long, Long> histogram) {
        ObjectNode node = root.putObject(field);
        histogram.forEach((k, v) -> node.put(Long.toString(k), v));
    }

    /** A summary written by {@link #write}; its header goes to {@code header}. */
    public static SweepSummary read(Path file, java.util.function.Consumer<Header> header) {
        String source = file.toString();
        String text;
        try {
            text = InputFiles.readText(file, MAX_FILE_BYTES);
        } catch (InputFiles.Unreadable e) {
            throw new ScenarioException(source + ": " + e.getMessage());
        }
        return parse(text, source, header);
    }

    /** A summary from its text; {@code source} names it in errors. */
    public static SweepSummary parse(String text, String source, java.util.function.Consumer<Header> header) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new ScenarioException(source + ": not a sweep summary: malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asString(""))) {
            throw new ScenarioException(source + ": format: not a " + FORMAT + " (write one with 'raftsim sweep ... --json')");
        }
        JsonNode version = root.path("version");
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != VERSION) {
            throw new ScenarioException(source + ": version: " + version + " is not " + VERSION);
        }
        return SweepSummaryReader.read(root, source, header);
    }
}

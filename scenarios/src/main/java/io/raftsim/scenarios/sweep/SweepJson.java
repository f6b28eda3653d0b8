package io.raftsim.scenarios.sweep;

import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.SwarmOption;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A sweep summary as one JSON object ({@code sweep --json}), and back, so shard summaries
 * from many machines can be merged ({@code raftsim merge}). Wall time is left out on
 * purpose: the object depends only on the scenario and the seeds.
 */
public final class SweepJson {
    public static final String FORMAT = "raftsim-sweep-summary";
    public static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SweepJson() {
    }

    /** The sweep's identity, as a summary file carries it: what ran, on which seeds, replayed how. */
    public record Header(String scenario, String seeds, String replayTemplate) {
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
        root.put("runs", summary.runs());
        root.put("passed", summary.runs() - summary.failed());
        root.put("failed", summary.failed());
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

    private static JsonNode object(JsonNode root, String field, String source) {
        JsonNode node = root.required(field);
        if (!node.isObject()) {
            throw new ScenarioException(source + ": " + field + ": " + node.getNodeType() + " is not an object");
        }
        return node;
    }

    private static long count(JsonNode value, String field, String source) {
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw new ScenarioException(source + ": " + field + ": " + value + " is not a count");
        }
        return value.asLong();
    }

    private static SwarmOption option(String key, String source) {
        for (SwarmOption option : SwarmOption.values()) {
            if (option.key().equals(key)) {
                return option;
            }
        }
        throw new ScenarioException(source + ": swarmOptionsOn." + key + ": not a swarm option");
    }

    /** A summary written by {@link #write}; its header goes to {@code header}. */
    public static SweepSummary read(Path file, java.util.function.Consumer<Header> header) {
        String source = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new ScenarioException(source + ": not a sweep summary: malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ScenarioException(source + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asString(""))) {
            throw new ScenarioException(source + ": format: not a " + FORMAT + " (write one with 'raftsim sweep ... --json')");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new ScenarioException(source + ": version: " + root.path("version") + " is not " + VERSION);
        }
        try {
            SweepSummary summary = new SweepSummary();
            long runs = count(root.required("runs"), "runs", source);
            summary.restoreTotals(runs, count(root.required("steps"), "steps", source), Long.parseUnsignedLong(root.required("combinedDigest").asString(), 16));
            long outcomeSum = 0;
            for (Map.Entry<String, JsonNode> entry : object(root, "outcomes", source).properties()) {
                long count = count(entry.getValue(), "outcomes." + entry.getKey(), source);
                outcomeSum += count;
                if (count > 0) {
                    summary.restoreOutcome(Outcome.valueOf(entry.getKey()), count);
                }
            }
            if (outcomeSum != runs) {
                throw new ScenarioException(source + ": outcomes: they add up to " + outcomeSum + ", not to runs " + runs);
            }
            object(root, "expectationsReached", source).forEachEntry((k, v) -> summary.restoreExpectation(k, count(v, "expectationsReached." + k, source)));
            object(root, "electionsPerRun", source).forEachEntry((k, v) -> summary.restoreElections(Long.parseLong(k), count(v, "electionsPerRun." + k, source)));
            object(root, "highestTermPerRun", source).forEachEntry((k, v) -> summary.restoreHighestTerm(Long.parseLong(k), count(v, "highestTermPerRun." + k, source)));
            JsonNode options = root.path("swarmOptionsOn");
            if (!options.isMissingNode()) {
                object(root, "swarmOptionsOn", source).forEachEntry((k, v) -> summary.restoreOptionOn(option(k, source), count(v, "swarmOptionsOn." + k, source)));
            }
            JsonNode failures = root.required("failures");
            if (!failures.isArray()) {
                throw new ScenarioException(source + ": failures: " + failures.getNodeType() + " is not an array");
            }
            for (JsonNode failure : failures) {
                Outcome outcome = Outcome.valueOf(failure.required("outcome").asString());
                if (!outcome.failed()) {
                    throw new ScenarioException(source + ": failures: seed " + failure.path("seed") + " is listed as a failure but PASSED");
                }
                summary.restoreFailure(new SweepSummary.Failure(failure.required("seed").asLong(), outcome,
                        failure.path("property").asString(null), failure.path("message").asString(null)));
            }
            header.accept(new Header(root.required("scenario").asString(), root.required("seeds").asString(), root.required("replay").asString()));
            return summary;
        } catch (IllegalArgumentException | JacksonException e) {
            throw new ScenarioException(source + ": not a valid sweep summary: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}

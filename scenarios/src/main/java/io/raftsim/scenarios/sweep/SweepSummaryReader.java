package io.raftsim.scenarios.sweep;

import io.raftsim.reports.build.BuildIdentity;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.SwarmOption;
import tools.jackson.databind.JsonNode;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks a parsed sweep summary against everything a summary {@link SweepJson#write} wrote
 * must satisfy, so that a merge never adds up a hand-edited, truncated or mixed-up file: the
 * seeds name a valid range (shard K of N with 1 <= K <= N), the runs are exactly that range's
 * seeds, every count is a non-negative 64-bit integer, outcomes and both histograms add up to
 * the runs, no condition is reached more often than there were runs, and the failures listed
 * are the lowest failed seeds of the range: as many as failed (up to
 * {@link SweepSummary#MAX_FAILURES_KEPT}), each of a failed class counted in {@code outcomes}.
 * Every problem is one line naming the file, the field and the value.
 */
final class SweepSummaryReader {
    private final String source;

    private SweepSummaryReader(String source) {
        this.source = source;
    }

    static SweepSummary read(JsonNode root, String source, Consumer<SweepJson.Header> header) {
        return new SweepSummaryReader(source).read(root, header);
    }

    private SweepSummary read(JsonNode root, Consumer<SweepJson.Header> headerOut) {
        SweepJson.Header header = header(root);
        SeedRange range = SeedRange.parseWritten(header.seeds(), source + ": seeds");
        SweepSummary summary = new SweepSummary();
        long runs = countField(root, "runs");
        if (runs != range.size()) {
            throw fail("runs", runs + " is not the " + range.size() + " seeds of " + header.seeds());
        }
        long steps = countField(root, "steps");
        summary.restoreTotals(runs, steps, digest(root));

        EnumMap<Outcome, Long> outcomes = outcomes(object(root, "outcomes"), runs);
        outcomes.forEach((outcome, count) -> {
            if (count > 0) {
                summary.restoreOutcome(outcome, count);
            }
        });
        // Undecided runs are neither passed nor failed, but they are listed with the failures for
        // their replay commands.
        long undecided = outcomes.getOrDefault(Outcome.UNDECIDED, 0L);
        long notPassed = runs - outcomes.get(Outcome.PASSED);
        checkWritten(root, "passed", runs - notPassed);
        checkWritten(root, "failed", notPassed - undecided);
        checkWritten(root, "undecided", undecided);

        for (Map.Entry<String, JsonNode> entry : object(root, "expectationsReached").properties()) {
            long count = count(entry.getValue(), "expectationsReached." + entry.getKey());
            if (count > runs) {
                throw fail("expectationsReached." + entry.getKey(), count + " is more than the " + runs + " runs");
            }
            summary.restoreExpectation(entry.getKey(), count);
        }
        histogram(object(root, "electionsPerRun"), "electionsPerRun", runs, summary::restoreElections);
        histogram(object(root, "highestTermPerRun"), "highestTermPerRun", runs, summary::restoreHighestTerm);
        // Per leader change or per quiet interval, not per run; absent in summaries written before
        // the efficiency checks, which read as empty.
        eventHistogram(root, "leaderRecoveryMs", summary::restoreLeaderRecovery);
        eventHistogram(root, "electionsPerLeaderChange", summary::restoreElectionsPerLeaderChange);
        eventHistogram(root, "messagesPerEntry", summary::restoreMessagesPerEntry);
        swarmOptionsOn(root, runs, summary);
        failures(root, range, outcomes, notPassed, summary);
        headerOut.accept(header);
        return summary;
    }

    private SweepJson.Header header(JsonNode root) {
        String scenario = text(root, "scenario");
        String seeds = text(root, "seeds");
        String replay = text(root, "replay");
        if (!replay.contains("{seed}")) {
            throw fail("replay", quote(replay) + " has no {seed} where the seed goes");
        }
        String hash = text(root, "scenarioHash");
        if (!hash.matches("[0-9a-f]{16}")) {
            throw fail("scenarioHash", quote(hash) + " is not 16 hex digits; a summary without it predates build identity: run the shard again");
        }
        JsonNode build = object(root, "build");
        String version = text(build, "version", "build.version");
        JsonNode commit = build.get("commit");
        if (commit != null && !commit.isNull() && !commit.isString()) {
            throw fail("build.commit", shorten(commit) + " is not a string or null");
        }
        for (String field : build.propertyNames()) {
            if (!field.equals("version") && !field.equals("commit")) {
                throw fail("build." + field, "unknown field");
            }
        }
        return new SweepJson.Header(scenario, seeds, replay, hash,
                new BuildIdentity(version, commit == null || commit.isNull() ? null : commit.stringValue()));
    }

    private EnumMap<Outcome, Long> outcomes(JsonNode node, long runs) {
        EnumMap<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0L);
        }
        long sum = 0;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            Outcome outcome = outcome(entry.getKey(), "outcomes." + entry.getKey());
            long count = count(entry.getValue(), "outcomes." + entry.getKey());
            outcomes.put(outcome, count);
            sum = add(sum, count, "outcomes");
        }
        if (sum != runs) {
            throw fail("outcomes", "they add up to " + sum + ", not to runs " + runs);
        }
        return outcomes;
    }

    /** A histogram with one count per run: its counts add up to the runs. */
    private void histogram(JsonNode node, String field, long runs, Histogram restore) {
        long sum = readHistogram(node, field, restore);
        if (sum != runs) {
            throw fail(field, "the counts add up to " + sum + ", not to runs " + runs);
        }
    }

    /**
     * A histogram with one count per event (a leader change, an interval), not per run;
     * absent in summaries written before the efficiency checks, which read as empty.
     */
    private void eventHistogram(JsonNode root, String field, Histogram restore) {
        if (root.has(field)) {
            readHistogram(object(root, field), field, restore);
        }
    }

    /** Whole, non-negative keys and counts; returns the sum of the counts. */
    private long readHistogram(JsonNode node, String field, Histogram restore) {
        long sum = 0;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            long key;
            try {
                key = Long.parseLong(entry.getKey());
            } catch (NumberFormatException e) {
                throw fail(field, quote(entry.getKey()) + " is not a whole number");
            }
            if (key < 0) {
                throw fail(field, quote(entry.getKey()) + " is negative");
            }
            long count = count(entry.getValue(), field + "." + entry.getKey());
            sum = add(sum, count, field);
            restore.put(key, count);
        }
        return sum;
    }

    /** Runs in which each swarm option was drawn on; absent when the scenario draws none. */
    private void swarmOptionsOn(JsonNode root, long runs, SweepSummary summary) {
        if (!root.has("swarmOptionsOn")) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : object(root, "swarmOptionsOn").properties()) {
            String field = "swarmOptionsOn." + entry.getKey();
            SwarmOption option = SwarmOption.ofKey(entry.getKey());
            if (option == null) {
                throw fail(field, "not a swarm option");
            }
            long count = count(entry.getValue(), field);
            if (count > runs) {
                throw fail(field, count + " is more than the " + runs + " runs");
            }
            summary.restoreOptionOn(option, count);
        }
    }

    private interface Histogram {
        void put(long key, long count);
    }

    private void failures(JsonNode root, SeedRange range, EnumMap<Outcome, Long> outcomes, long failed, SweepSummary summary) {
        JsonNode failures = root.get("failures");
        if (failures == null || !failures.isArray()) {
            throw fail("failures", (failures == null ? "missing" : shorten(failures) + " is not an array"));
        }
        long expected = Math.min(failed, SweepSummary.MAX_FAILURES_KEPT);
        if (failures.size() != expected) {
            throw fail("failures", "lists " + failures.size() + " failed seeds, but the outcomes count " + failed
                    + " runs that did not pass; a summary lists every such seed, up to the lowest " + SweepSummary.MAX_FAILURES_KEPT);
        }
        EnumMap<Outcome, Long> listed = new EnumMap<>(Outcome.class);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < failures.size(); i++) {
            String path = "failures[" + i + "]";
            JsonNode failure = failures.get(i);
            if (!failure.isObject()) {
                throw fail(path, shorten(failure) + " is not an object");
            }
            JsonNode seedNode = failure.get("seed");
            if (seedNode == null || !seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
                throw fail(path + ".seed", (seedNode == null ? "missing" : shorten(seedNode) + " is not a 64-bit seed"));
            }
            long seed = seedNode.longValue();
            if (!range.contains(seed)) {
                throw fail(path + ".seed", seed + " is not a seed of " + range);
            }
            if (i > 0 && seed <= previous) {
                throw fail(path + ".seed", seed + " is not above the seed before it, " + previous + " (failures are listed once each, lowest first)");
            }
            previous = seed;
            Outcome outcome = outcome(text(failure, "outcome", path + ".outcome"), path + ".outcome");
            if (!outcome.failed()) {
                throw fail(path + ".outcome", "seed " + seed + " is listed as a failure but PASSED");
            }
            long count = listed.merge(outcome, 1L, Long::sum);
            if (count > outcomes.get(outcome)) {
                throw fail(path + ".outcome", outcome + " is listed " + count + " times, but outcomes." + outcome + " counts " + outcomes.get(outcome));
            }
            summary.restoreFailure(new SweepSummary.Failure(seed, outcome, optionalText(failure, "property", path + ".property"),
                    optionalText(failure, "message", path + ".message")));
        }
    }

    private long digest(JsonNode root) {
        String hex = text(root, "combinedDigest");
        if (!hex.matches("[0-9a-f]{1,16}")) {
            throw fail("combinedDigest", quote(hex) + " is not up to 16 hex digits");
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    private void checkWritten(JsonNode root, String field, long expected) {
        long written = countField(root, field);
        if (written != expected) {
            throw fail(field, written + " does not match the outcomes, which say " + expected);
        }
    }

    private Outcome outcome(String name, String field) {
        for (Outcome outcome : Outcome.values()) {
            if (outcome.name().equals(name)) {
                return outcome;
            }
        }
        throw fail(field, quote(name) + " is not an outcome (" + java.util.Arrays.toString(Outcome.values()) + ")");
    }

    private long add(long sum, long count, String field) {
        try {
            return Math.addExact(sum, count);
        } catch (ArithmeticException e) {
            throw fail(field, "the counts overflow 64 bits");
        }
    }

    private long countField(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null) {
            throw fail(field, "missing");
        }
        return count(value, field);
    }

    private long count(JsonNode value, String field) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw fail(field, shorten(value) + " is not a count (a whole number from 0 to 2^63-1)");
        }
        return value.longValue();
    }

    private JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw fail(field, node == null ? "missing" : shorten(node) + " is not an object");
        }
        return node;
    }

    private String text(JsonNode parent, String field) {
        return text(parent, field, field);
    }

    private String text(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isString()) {
            throw fail(path, value == null ? "missing" : shorten(value) + " is not a string");
        }
        return value.stringValue();
    }

    private String optionalText(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw fail(path, shorten(value) + " is not a string or null");
        }
        return value.stringValue();
    }

    private ScenarioException fail(String field, String problem) {
        return new ScenarioException(source + ": " + field + ": " + problem);
    }

    private static String quote(String text) {
        return "\"" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "\"";
    }

    private static String shorten(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}

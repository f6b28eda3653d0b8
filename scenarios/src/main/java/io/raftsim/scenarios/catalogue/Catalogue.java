package io.raftsim.scenarios.catalogue;

import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.format.ScenarioFiles;
import io.raftsim.scenarios.format.ScenarioReader;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in scenarios, shipped as JSON resources under {@code /catalogue/}: the same
 * format users write, so every one of them is also an example of the format.
 */
public final class Catalogue {
    /** In the order {@code raftsim list} shows them: from first steps to swarm testing. */
    public static final List<String> NAMES = List.of(
            "election-basic", "leader-crash", "split-vote", "log-replication", "partition-healing",
            "figure-8", "stale-vote-reply", "flaky-network", "asymmetric-partition", "asymmetric-partition-prevote-checkquorum",
            "crash-churn", "snapshot-catch-up", "course-election", "course-agreement", "course-count",
            "course-re-election", "course-many-elections", "course-rpc-bytes", "course-follower-failure", "course-leader-failure",
            "course-fail-agree", "course-concurrent-starts", "course-rejoin", "course-backup", "course-persist1", "course-persist2",
            "course-persist3", "course-figure8", "course-figure8-noop", "course-figure8-unreliable", "course-figure8-unreliable-loop", "course-reliable-churn", "course-reliable-churn-loop", "course-unreliable-churn",
            "course-fail-no-agree", "course-unreliable-agree", "add-server", "remove-leader", "single-server-change-bug", "joint-consensus",
            "course-snapshot-basic", "course-snapshot-install", "course-snapshot-install-unreliable", "course-snapshot-install-crash",
            "course-snapshot-install-uncrash", "course-snapshot-all-crash", "course-snapshot-init",
            "leadership-transfer", "read-index", "lease-read", "lease-read-drift",
            "random");

    /**
     * Groups of the catalogue, each the scenarios named {@code GROUP-...}: {@code course} holds
     * one scenario per test of MIT 6.824's Raft lab (2A to 2D), named in its description.
     */
    public static final List<String> GROUPS = List.of("course");

    private Catalogue() {
    }

    public static boolean contains(String name) {
        return NAMES.contains(name);
    }

    /** The scenarios of a group, in catalogue order; bad input names the groups there are. */
    public static List<String> group(String group) {
        if (!GROUPS.contains(group)) {
            throw new ScenarioException("unknown group '" + group + "': the catalogue's groups are " + String.join(", ", GROUPS));
        }
        return NAMES.stream().filter(name -> name.startsWith(group + "-")).toList();
    }

    public static Scenario load(String name) {
        return ScenarioReader.fromTree(tree(name), source(name));
    }

    /** The catalogue entry as a JSON tree, for {@code --set} overrides before validation. */
    public static ObjectNode tree(String name) {
        if (!contains(name)) {
            throw unknown(name);
        }
        try (InputStream in = Catalogue.class.getResourceAsStream("/catalogue/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("catalogue resource missing: " + name);
            }
            return ScenarioReader.parseTree(new String(in.readAllBytes(), StandardCharsets.UTF_8), source(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How errors and replay commands name a catalogue entry. */
    public static String source(String name) {
        return "catalogue:" + name;
    }

    /**
     * A scenario reference as a user types it: a catalogue name, or a path to a JSON file.
     * Returns the parsed tree; {@link #sourceOf} names it.
     */
    public static ObjectNode resolveTree(String reference) {
        if (contains(reference)) {
            return tree(reference);
        }
        Path file = Path.of(reference);
        if (Files.exists(file) || reference.endsWith(".json") || reference.contains("/")) {
            return ScenarioFiles.readTree(file);
        }
        throw unknown(reference);
    }

    public static String sourceOf(String reference) {
        return contains(reference) ? source(reference) : reference;
    }

    private static ScenarioException unknown(String name) {
        return new ScenarioException("unknown scenario '" + name + "': not in the catalogue (" + String.join(", ", NAMES)
                + ") and not a .json file");
    }
}

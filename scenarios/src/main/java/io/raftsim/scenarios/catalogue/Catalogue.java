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
            "crash-churn", "course-election", "course-agreement", "course-count", "leadership-transfer", "read-index", "lease-read", "lease-read-drift", "random");

    private Catalogue() {
    }

    public static boolean contains(String name) {
        return NAMES.contains(name);
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

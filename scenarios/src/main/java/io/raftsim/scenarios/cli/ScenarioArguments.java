package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Overrides;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.sweep.SweepJson;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** The scenario a command works on: a catalogue name or a file, with {@code --set} overrides. */
final class ScenarioArguments {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A catalogue name (see 'raftsim list') or a scenario file.")
    String reference;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a scenario field, e.g. --set network.dropRate=0.1 --set nodes=3 (repeatable).")
    List<String> settings = new ArrayList<>();

    Scenario load() {
        ObjectNode tree = Overrides.apply(Catalogue.resolveTree(reference), settings);
        return ScenarioReader.fromTree(tree, Catalogue.sourceOf(reference) + (settings.isEmpty() ? "" : " with --set"));
    }

    /** The one command that replays this scenario with {@code seed}. */
    String replayCommand(long seed) {
        return SweepJson.replay(replayTemplate(), seed);
    }

    /** The replay command with {@code {seed}} where the seed goes. */
    String replayTemplate() {
        StringBuilder command = new StringBuilder("./raftsim run ").append(Shell.quote(reference)).append(" --seed {seed}");
        for (String setting : settings) {
            command.append(" --set ").append(Shell.quote(setting));
        }
        return command.toString();
    }
}

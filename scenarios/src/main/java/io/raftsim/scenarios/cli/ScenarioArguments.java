package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Overrides;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.format.ScenarioWarning;
import io.raftsim.scenarios.sweep.SweepJson;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.sim.trace.TraceSink;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The scenario a command works on: a catalogue name or a file, with {@code --set} overrides. */
final class ScenarioArguments {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A catalogue name (see 'raftsim list') or a scenario file.")
    String reference;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a scenario field, e.g. --set network.dropRate=0.1 --set nodes=3 (repeatable).")
    List<String> settings = new ArrayList<>();

    @Option(names = "--accept", paramLabel = "WARNING",
            description = "Silence a warning about a setting you mean, e.g. --accept fixed-election-timeout (repeatable).")
    List<String> accepted = new ArrayList<>();

    /** Hidden on purpose: planting a known bug is for showing that the checks catch it, never for a real run. */
    @Option(names = "--bug", hidden = true, paramLabel = "BUG", description = "Plant a known Raft bug (docs/bugs.md), to see the checks catch it.")
    List<String> bugs = new ArrayList<>();

    /** The planted bugs as command options, so every printed command replays with them. */
    String bugOptions() {
        StringBuilder options = new StringBuilder();
        plantedBugs().forEach(bug -> options.append(" --bug ").append(bug));
        return options.toString();
    }

    /** The planted mistakes by name, in order; the cluster refuses a name its implementation does not know. */
    Set<String> plantedBugs() {
        return new TreeSet<>(bugs);
    }

    /** Runs the scenario with a seed and the planted bugs, if any. */
    ScenarioResult run(Scenario scenario, long seed, TraceSink trace) {
        return ScenarioRunner.run(scenario, seed, trace, plantedBugs());
    }

    /** Reads and validates the scenario; prints a line on {@code err} for each warning not {@code --accept}ed. */
    Scenario load(PrintWriter err) {
        EnumSet<ScenarioWarning> silenced = EnumSet.noneOf(ScenarioWarning.class);
        accepted.forEach(name -> silenced.add(ScenarioWarning.parse(name)));
        String source = Catalogue.sourceOf(reference) + (settings.isEmpty() ? "" : " with --set");
        ObjectNode tree = Overrides.apply(Catalogue.resolveTree(reference), settings);
        Scenario scenario = ScenarioReader.fromTree(tree, source);
        for (ScenarioWarning warning : ScenarioWarning.of(scenario)) {
            if (!silenced.contains(warning)) {
                err.println("raftsim: warning: " + TerminalText.safe(source + ": " + warning.message(scenario)));
            }
        }
        err.flush();
        return scenario;
    }

    /** The scenario file this command reads, as an input no output may replace (none for a catalogue name). */
    List<OutputPaths.Named> inputs() {
        return Catalogue.contains(reference) ? List.of() : List.of(new OutputPaths.Named("scenario file", Path.of(reference)));
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
        return command.append(bugOptions()).toString();
    }
}

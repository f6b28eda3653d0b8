package io.raftsim.scenarios.cli;

import io.raftsim.reports.io.AtomicFile;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioWriter;
import io.raftsim.scenarios.shrink.Shrinker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.raftsim.sim.trace.TraceSink;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code raftsim shrink SCENARIO --seed N}: a failing run, made small, written as a scenario file. */
@Command(name = "shrink", mixinStandardHelpOptions = true,
        description = "Shrink a failing seeded run to a minimal scenario file with an explicit fault schedule that still fails with the same property.")
final class ShrinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioArguments scenarioArguments;

    @Option(names = "--seed", description = "The failing seed (default: the scenario's own).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the shrunk scenario (default: shrunk-SCENARIO-SEED.json).")
    Path out;

    @Option(names = "--max-runs", paramLabel = "N", description = "Bound on candidate runs, 1..100000 (default ${DEFAULT-VALUE}).", defaultValue = "3000")
    int maxRuns;

    @Override
    public Integer call() {
        if (maxRuns < 1 || maxRuns > 100_000) {
            throw new io.raftsim.scenarios.format.ScenarioException("--max-runs: " + maxRuns + " is outside 1..100000");
        }
        Scenario scenario = scenarioArguments.load(spec.commandLine().getErr());
        long failingSeed = seed != null ? seed : scenario.seed();
        Path file = OutputPaths.check(out != null ? out : OutputPaths.named("shrunk", scenario.name(), failingSeed), "--out");
        OutputPaths.requireDistinct(scenarioArguments.inputs(), List.of(new OutputPaths.Named("--out", file)));
        Shrinker.Shrunk shrunk = new Shrinker((candidate, s) -> scenarioArguments.run(candidate, s, TraceSink.NONE), maxRuns)
                .shrink(scenario, failingSeed);
        PrintWriter text = OutputPaths.anyStandardOutput(file) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Scenario small = shrunk.scenario();
        text.printf(Locale.ROOT, "original      %s: %d fault steps%s, %d nodes, %d clients, %d ms%n", TerminalText.safe(scenario.name()), scenario.faults().size(),
                scenario.randomFaults() != null ? " + drawn from the seed" : "", scenario.nodes(), scenario.clients().count(), scenario.durationMs());
        text.printf(Locale.ROOT, "shrunk        %d fault steps, %d nodes, %d clients, %d ms, after %d candidate runs%n",
                small.faults().size(), small.nodes(), small.clients().count(), small.durationMs(), shrunk.candidateRuns());
        text.printf(Locale.ROOT, "fails with    %s [%s] %s%n", shrunk.failure().outcome(), shrunk.failure().property(), shrunk.failure().message());
        text.flush();
        // What the shrunk run fails with comes first; the file after, so a full disk loses only the file.
        Outputs outputs = new Outputs(spec.commandLine().getErr());
        if (outputs.write("--out", () -> write(file, shrunk)) && !OutputPaths.anyStandardOutput(file)) {
            text.printf(Locale.ROOT, "written to    %s%nreplay        ./raftsim run %s%s%n", file, Shell.quote(file.toString()),
                    scenarioArguments.bugOptions());
            text.flush();
        }
        return outputs.exitCode(shrunk.failure().outcome().exitCode());
    }

    static void write(Path file, Shrinker.Shrunk shrunk) {
        AtomicFile.write(file, ScenarioWriter.toJson(shrunk.scenario()));
    }
}

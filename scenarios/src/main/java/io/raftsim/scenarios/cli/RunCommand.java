package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.run.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code raftsim run SCENARIO}: one seeded run, a short summary, and the command that replays it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one seeded scenario and summarise it.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioArguments scenarioArguments;

    @Option(names = "--seed", description = "The run's seed (default: the scenario's own).")
    Long seed;

    @Option(names = "--json", description = "Print one JSON object instead of the summary.")
    boolean json;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write the run's JSON Lines trace (docs/trace-format.md); 'raftsim replay FILE' re-runs it.")
    Path trace;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the run's HTML timeline: one self-contained page.")
    Path html;

    @Override
    public Integer call() {
        Scenario scenario = scenarioArguments.load(spec.commandLine().getErr());
        OutputPaths.check(trace, "--trace");
        OutputPaths.check(html, "--html");
        if (trace != null && html != null && trace.toAbsolutePath().normalize().equals(html.toAbsolutePath().normalize())) {
            throw new ScenarioException("--html: " + html + " is also the --trace file; give two files");
        }
        long runSeed = seed != null ? seed : scenario.seed();
        String replay = scenarioArguments.replayCommand(runSeed);
        Tracing tracing = Tracing.open(trace, html, scenario, runSeed, replay);
        long startNanos = System.nanoTime();
        ScenarioResult result = scenarioArguments.run(scenario, runSeed, tracing.sink());
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        String written = tracing.finish(result);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Summary.JSON.writeValueAsString(Summary.json(result, wallSeconds, replay)));
        } else {
            out.print(Summary.text(result, wallSeconds));
            out.print(written);
            if (!result.passed()) {
                out.println("replay: " + replay);
            }
        }
        out.flush();
        return result.outcome().exitCode();
    }
}

package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.run.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
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
        OutputPaths.requireDistinct(scenarioArguments.inputs(),
                List.of(new OutputPaths.Named("--trace", trace), new OutputPaths.Named("--html", html)));
        long runSeed = seed != null ? seed : scenario.seed();
        String replay = scenarioArguments.replayCommand(runSeed);
        Tracing tracing = Tracing.open(trace, html, scenario, runSeed, replay);
        long startNanos = System.nanoTime();
        ScenarioResult result = scenarioArguments.run(scenario, runSeed, tracing.sink());
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        // Standard output holds the output sent to '-' alone; the summary then goes to stderr.
        PrintWriter out = OutputPaths.anyStandardOutput(trace, html) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        // The verdict and the replay command first: an output that cannot be written must not take them with it.
        if (json) {
            out.println(Summary.JSON.writeValueAsString(Summary.json(result, wallSeconds, replay)));
        } else {
            out.print(Summary.text(result, wallSeconds));
            if (!result.passed()) {
                out.println("replay: " + replay);
            }
        }
        out.flush();
        Outputs outputs = new Outputs(spec.commandLine().getErr());
        tracing.finish(result, outputs, json ? new PrintWriter(Writer.nullWriter()) : out);
        return outputs.exitCode(result.outcome().exitCode());
    }
}

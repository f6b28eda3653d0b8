package io.raftsim.scenarios.cli;

import io.raftsim.reports.experiment.ElectionTimingExperiment;
import io.raftsim.reports.experiment.ElectionTimingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code raftsim experiment election-timing}: the Raft paper's Figure 16, with a CSV of every trial and an HTML page. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Run a named experiment. Known: election-timing (Raft paper Figure 16, section 9.3).")
final class ExperimentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name: election-timing")
    String name;

    @Option(names = "--trials", description = "Trials per election timeout range (default ${DEFAULT-VALUE}).", defaultValue = "1000")
    int trials;

    @Option(names = "--seed", description = "The experiment's seed; each trial's seed derives from it (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write every trial (range, trial, seed, election ms) as CSV.")
    Path csv;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the cumulative distributions and the summary table as HTML.")
    Path html;

    @Override
    public Integer call() {
        // Before anything runs: --csv X --html X would write the page over the CSV.
        OutputPaths.requireDistinct(java.util.List.of(), java.util.List.of(new OutputPaths.Named("--csv", csv), new OutputPaths.Named("--html", html)));
        if (!"election-timing".equals(name)) {
            throw new ParameterException(spec.commandLine(), "unknown experiment '" + name + "' (known: election-timing)");
        }
        OutputPaths.check(csv, "--csv");
        OutputPaths.check(html, "--html");
        if (trials <= 0 || trials > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "--trials: " + trials + " is outside 1..1000000");
        }
        ElectionTimingExperiment.Result result = ElectionTimingExperiment.run(seed, trials, ElectionTimingExperiment.PAPER_RANGES);
        String command = "./raftsim experiment election-timing --trials " + trials + " --seed " + seed;
        try {
            if (csv != null) {
                ElectionTimingReport.writeCsv(result, csv);
            }
            if (html != null) {
                ElectionTimingReport.writeHtml(result, html, command);
            }
        } catch (UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(ElectionTimingReport.markdownTable(result));
        out.println(String.format(Locale.ROOT, "%d trials in %.1f s of wall time; reproduce: %s",
                result.trials().size(), result.wallSeconds(), command));
        out.flush();
        return ExitCode.PASSED;
    }
}

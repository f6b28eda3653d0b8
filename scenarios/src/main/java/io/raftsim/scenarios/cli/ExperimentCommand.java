package io.raftsim.scenarios.cli;

import io.raftsim.reports.experiment.ElectionTimingExperiment;
import io.raftsim.reports.experiment.ElectionTimingReport;
import io.raftsim.reports.experiment.ElectionTimingResults;
import io.raftsim.reports.experiment.ElectionTimingTables;
import io.raftsim.reports.experiment.ResultsFileException;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.sweep.SeedRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code raftsim experiment election-timing}: the Raft paper's Figure 16, with a CSV of every
 * trial and an HTML page for one seed; over several seeds ({@code --seeds}) a results file
 * ({@code --results}) from which {@code --from FILE --markdown TABLE} prints the documentation's
 * tables without running anything.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Run a named experiment. Known: election-timing (Raft paper Figure 16, section 9.3).")
final class ExperimentCommand implements Callable<Integer> {
    /** The most seeds one command runs: each is about 11,000 trials. */
    static final int MAX_SEEDS = 100;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name: election-timing")
    String name;

    @Option(names = "--trials", description = "Trials per election timeout range and seed (default ${DEFAULT-VALUE}).", defaultValue = "1000")
    int trials;

    @Option(names = "--seed", description = "The experiment's seed; each trial's seed derives from it (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--seeds", paramLabel = "A..B", description = "Run the experiment once per seed of A..B (at most " + MAX_SEEDS + ") and report the spread.")
    String seeds;

    @Option(names = "--latency-ms", paramLabel = "MIN..MAX", description = "One-way latency of every link, uniform, in ms (fractions allowed); "
            + "default 1..7, a broadcast round within 14 ms. Not with --results: the docs' results use the default.")
    String latencyMs;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write every trial (range, trial, seed, election ms) as CSV (one seed only).")
    Path csv;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the cumulative distributions and the summary table as HTML (one seed only).")
    Path html;

    @Option(names = "--results", paramLabel = "FILE", description = "Write each seed's statistics per range, and the times of its first trials, as a results file.")
    Path results;

    @Option(names = "--from", paramLabel = "FILE", description = "Run nothing: read a results file written by --results.")
    Path from;

    @Option(names = "--markdown", paramLabel = "TABLE", description = "Print only this Markdown table, as the docs hold it: paper or spread.")
    String markdownName;

    private ElectionTimingTables.Table markdown;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "A progress bar on stderr: auto (when stderr is a terminal, even with stdout redirected), always, never. Never touches stdout.")
    Progress.When progressWhen;

    @Override
    public Integer call() {
        // Before anything runs: --csv X --html X would write the page over the CSV.
        OutputPaths.requireDistinct(java.util.List.of(), java.util.List.of(new OutputPaths.Named("--csv", csv), new OutputPaths.Named("--html", html)));
        if (!"election-timing".equals(name)) {
            throw new ParameterException(spec.commandLine(), "unknown experiment '" + name + "' (known: election-timing)");
        }
        markdown = table(markdownName);
        if (from != null) {
            return printFrom();
        }
        OutputPaths.check(csv, "--csv");
        OutputPaths.check(html, "--html");
        OutputPaths.check(results, "--results");
        if (trials <= 0 || trials > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "--trials: " + trials + " is outside 1..1000000");
        }
        ElectionTimingExperiment.Latency latency = latency();
        List<Long> experimentSeeds = experimentSeeds();
        if (experimentSeeds.size() > 1 && (csv != null || html != null)) {
            throw new ParameterException(spec.commandLine(), "--csv and --html take one --seed, not --seeds " + seeds);
        }
        String command = "./raftsim experiment election-timing --trials " + trials
                + (seeds != null ? " --seeds " + seeds : " --seed " + seed) + (latencyMs != null ? " --latency-ms " + latencyMs : "")
                + (results != null ? " --results " + results : "");
        List<ElectionTimingExperiment.Result> runs = new ArrayList<>();
        Progress progress = new Progress(spec.commandLine().getErr(),
                (long) trials * ElectionTimingExperiment.PAPER_RANGES.size() * experimentSeeds.size(), "trials", progressWhen.shows());
        for (long experimentSeed : experimentSeeds) {
            long trialsBefore = (long) trials * ElectionTimingExperiment.PAPER_RANGES.size() * runs.size();
            runs.add(ElectionTimingExperiment.run(experimentSeed, trials, ElectionTimingExperiment.PAPER_RANGES, latency,
                    done -> progress.update(trialsBefore + done)));
        }
        progress.finish();
        ElectionTimingResults summary = ElectionTimingResults.of(command, runs, ElectionTimingResults.RECORDED_TRIALS);
        try {
            if (csv != null) {
                ElectionTimingReport.writeCsv(runs.get(0), csv);
            }
            if (html != null) {
                ElectionTimingReport.writeHtml(runs.get(0), html, command);
            }
            if (results != null) {
                summary.write(results);
            }
        } catch (UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (markdown != null) {
            out.print(markdown.render(summary));
        } else {
            out.print(runs.size() == 1 ? ElectionTimingReport.markdownTable(runs.get(0))
                    : ElectionTimingTables.Table.PAPER.render(summary) + "\n" + ElectionTimingTables.Table.SPREAD.render(summary));
            double wallSeconds = runs.stream().mapToDouble(ElectionTimingExperiment.Result::wallSeconds).sum();
            long trialCount = runs.stream().mapToLong(run -> run.trials().size()).sum();
            out.println(String.format(Locale.ROOT, "%d trials in %.1f s of wall time; reproduce: %s", trialCount, wallSeconds, command));
        }
        out.flush();
        return ExitCode.PASSED;
    }

    /** {@code --from}: the tables of a results file, run nothing. */
    private int printFrom() {
        for (String option : List.of("--seeds", "--csv", "--html", "--results", "--trials", "--seed", "--latency-ms")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " runs the experiment; --from only reads a results file");
            }
        }
        ElectionTimingResults read;
        try {
            read = ElectionTimingResults.read(from);
        } catch (ResultsFileException e) {
            throw new ScenarioException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(markdown != null ? markdown.render(read)
                : ElectionTimingTables.Table.PAPER.render(read) + "\n" + ElectionTimingTables.Table.SPREAD.render(read));
        out.flush();
        return ExitCode.PASSED;
    }

    private ElectionTimingTables.Table table(String text) {
        if (text == null) {
            return null;
        }
        for (ElectionTimingTables.Table table : ElectionTimingTables.Table.values()) {
            if (table.name().toLowerCase(Locale.ROOT).equals(text)) {
                return table;
            }
        }
        throw new ParameterException(spec.commandLine(), "--markdown: '" + text + "' is not a table (paper, spread)");
    }

    /**
     * {@code --latency-ms}: the wire delay is all of the broadcast time in this model, and the
     * election times depend on it (docs/election-timing.md), so it can be varied.
     */
    private ElectionTimingExperiment.Latency latency() {
        if (latencyMs == null) {
            return ElectionTimingExperiment.DEFAULT_LATENCY;
        }
        if (results != null) {
            throw new ParameterException(spec.commandLine(), "--latency-ms: a results file records the default latency only; leave out --results");
        }
        String[] parts = latencyMs.split("\\.\\.", -1);
        try {
            if (parts.length == 2) {
                double min = Double.parseDouble(parts[0].trim());
                double max = Double.parseDouble(parts[1].trim());
                if (min >= 0 && max >= min && max <= 60_000) {
                    return new ElectionTimingExperiment.Latency(Math.round(min * 1000), Math.round(max * 1000));
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--latency-ms: '" + latencyMs + "' is not MIN..MAX in ms with 0 <= MIN <= MAX <= 60000");
    }

    private List<Long> experimentSeeds() {
        if (seeds == null) {
            return List.of(seed);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
            throw new ParameterException(spec.commandLine(), "give --seed or --seeds, not both");
        }
        SeedRange range = SeedRange.parse(seeds, "--seeds");
        if (range.size() > MAX_SEEDS) {
            throw new ScenarioException("--seeds: '" + seeds + "' has " + range.size() + " seeds; at most " + MAX_SEEDS);
        }
        List<Long> list = new ArrayList<>();
        for (long i = 0; i < range.size(); i++) {
            list.add(range.seed(i));
        }
        return list;
    }
}

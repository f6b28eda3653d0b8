package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.format.ScenarioHash;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.sim.trace.TraceSink;
import io.raftsim.scenarios.shrink.Shrinker;
import io.raftsim.scenarios.sweep.SeedRange;
import io.raftsim.scenarios.sweep.Sweep;
import io.raftsim.reports.io.AtomicFile;
import io.raftsim.scenarios.sweep.SweepHtml;
import io.raftsim.scenarios.sweep.SweepJson;
import io.raftsim.scenarios.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code raftsim sweep SCENARIO --seeds A..B}: one run per seed, in parallel; a summary;
 * for each failure the command that replays it; and the first failure shrunk to a file.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a scenario over a range of seeds, in parallel; print a summary, the replay command of each failure, and shrink the first failure.",
                "The summary is the same whatever --threads is; a merge ('raftsim merge') of --shard summaries equals the unsharded one."})
final class SweepCommand implements Callable<Integer> {
    private static final int FAILURES_PRINTED = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioArguments scenarioArguments;

    @Option(names = "--seeds", required = true, paramLabel = "A..B", description = "The seeds, inclusive, e.g. 1..10000.")
    String seeds;

    @Option(names = "--threads", paramLabel = "N", description = "Runs side by side, 1..256 (default: the number of cores).")
    Integer threads;

    @Option(names = "--shard", paramLabel = "K/N", description = "Run only shard K of N of the seeds (every N-th seed), for batch systems.")
    String shard;

    @Option(names = "--json", description = "Print the summary as one JSON object (for 'raftsim merge').")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the summary as an HTML page: outcomes, expect conditions, distributions, failed seeds.")
    Path html;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "A progress bar on stderr: auto (when stderr is a terminal, even with stdout redirected), always, never. Never touches stdout.")
    Progress.When progressWhen;

    @Option(names = "--no-shrink", description = "Do not shrink the first failure.")
    boolean noShrink;

    @Option(names = "--shrink-out", paramLabel = "FILE", description = "Where the shrunk scenario goes (default: shrunk-SCENARIO-SEED.json).")
    Path shrinkOut;

    @Option(names = "--shrink-tries", paramLabel = "N", defaultValue = "3",
            description = "Shrink the first N failures of the same class and keep the smallest, 1..20 (default ${DEFAULT-VALUE}).")
    int shrinkTries;

    @Override
    public Integer call() {
        SeedRange range = SeedRange.parse(seeds, "--seeds");
        if (shard != null) {
            range = range.shard(shard, "--shard");
        }
        if (shrinkTries < 1 || shrinkTries > 20) {
            throw new ScenarioException("--shrink-tries: " + shrinkTries + " is outside 1..20");
        }
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (threadCount < 1 || threadCount > 256) {
            throw new ScenarioException("--threads: " + threadCount + " is outside 1..256");
        }
        Scenario scenario = scenarioArguments.load(spec.commandLine().getErr());
        OutputPaths.check(html, "--html");
        OutputPaths.check(shrinkOut, "--shrink-out");
        OutputPaths.requireDistinct(scenarioArguments.inputs(),
                List.of(new OutputPaths.Named("--html", html), new OutputPaths.Named("--shrink-out", shrinkOut)));
        Progress progress = new Progress(spec.commandLine().getErr(), range.size(), "seeds", progressWhen.shows());
        long startNanos = System.nanoTime();
        SweepSummary summary = Sweep.run(range, threadCount, seed -> scenarioArguments.run(scenario, seed, TraceSink.NONE), progress::update);
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        progress.finish();
        // Standard output holds the output sent to '-' alone; the summary then goes to stderr.
        PrintWriter out = OutputPaths.anyStandardOutput(html, shrinkOut) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        SweepJson.Header header = new SweepJson.Header(scenario.name(), range.toString(), scenarioArguments.replayTemplate(),
                ScenarioHash.of(scenario));
        if (json) {
            out.println(Summary.JSON.writeValueAsString(SweepJson.write(header, summary)));
        } else {
            printText(out, scenario, range, threadCount, summary, wallSeconds);
        }
        out.flush();
        // The summary is out; a file that cannot be written now loses only itself, and a found
        // failure keeps its exit code.
        Outputs outputs = new Outputs(spec.commandLine().getErr());
        // Shrink first, so the page can link the failed seed to the scenario it shrank to. Undecided
        // seeds are listed with their replay commands but not shrunk: they are no failure.
        java.util.TreeMap<Long, String> shrunkFiles = new java.util.TreeMap<>();
        List<SweepSummary.Failure> failures = summary.failures().stream().filter(f -> f.outcome() != Outcome.UNDECIDED).toList();
        if (!failures.isEmpty() && !noShrink) {
            outputs.write("shrink", () -> shrinkFirst(scenario, failures, shrunkFiles));
        }
        if (html != null) {
            outputs.write("--html", () -> AtomicFile.write(html, SweepHtml.page(header, summary, shrunkFiles)));
        }
        return outputs.exitCode(exitCode(summary));
    }

    private void printText(PrintWriter out, Scenario scenario, SeedRange range, int threadCount, SweepSummary summary, double wallSeconds) {
        out.printf(Locale.ROOT, "%-13s %s (%d nodes, %d ms)%n", "scenario", TerminalText.safe(scenario.name()), scenario.nodes(), scenario.durationMs());
        out.printf(Locale.ROOT, "%-13s %s: %d runs on %d threads%n", "seeds", range, summary.runs(), threadCount);
        out.printf(Locale.ROOT, "%-13s %d passed, %d failed%s%n", "result", summary.passed(), summary.failed(),
                summary.undecided() > 0 ? ", " + summary.undecided() + " undecided (linearizability search out of steps)" : "");
        StringBuilder classes = new StringBuilder();
        for (Map.Entry<Outcome, Long> entry : summary.outcomes().entrySet()) {
            if (entry.getKey() != Outcome.PASSED) {
                classes.append(classes.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ').append(entry.getValue());
            }
        }
        if (classes.length() > 0) {
            out.printf(Locale.ROOT, "%-13s %s%n", "failures", classes);
        }
        summary.expectationsReached().forEach((name, count) ->
                out.printf(Locale.ROOT, "%-13s %s reached in %d of %d runs%n", "expect", name, count, summary.runs()));
        if (!summary.optionsOn().isEmpty()) {
            StringBuilder options = new StringBuilder();
            summary.optionsOn().forEach((option, count) -> options.append(options.length() == 0 ? "" : ", ")
                    .append(option.key()).append(String.format(Locale.ROOT, " %.0f%%", 100.0 * count / summary.runs())));
            out.printf(Locale.ROOT, "%-13s %s of runs%n", "drawn on", options);
        }
        out.printf(Locale.ROOT, "%-13s %s%n", "elections", Distribution.describe(summary.electionsPerRun()));
        out.printf(Locale.ROOT, "%-13s %s%n", "highest term", Distribution.describe(summary.highestTermPerRun()));
        out.printf(Locale.ROOT, "%-13s %s%n", "new leader", Distribution.describe(summary.leaderRecoveryMs(), "ms", "quiet leader changes"));
        out.printf(Locale.ROOT, "%-13s %s%n", "terms/change", Distribution.describe(summary.electionsPerLeaderChange(), "", "quiet leader changes"));
        out.printf(Locale.ROOT, "%-13s %s%n", "msgs/entry", Distribution.describe(summary.messagesPerEntry(), "", "quiet leader intervals under load"));
        out.printf(Locale.ROOT, "%-13s %,d (%,.0f steps/s)%n", "steps", summary.steps(), summary.steps() / Math.max(wallSeconds, 1e-9));
        out.printf(Locale.ROOT, "%-13s %016x%n", "digest", summary.combinedDigest());
        out.printf(Locale.ROOT, "%-13s %.1f s%n", "wall time", wallSeconds);
        int shown = 0;
        for (SweepSummary.Failure failure : summary.failures()) {
            if (shown++ == FAILURES_PRINTED) {
                out.printf(Locale.ROOT, "... and %d more failed or undecided seeds (--json lists up to %d)%n",
                        summary.runs() - summary.passed() - FAILURES_PRINTED, SweepSummary.MAX_FAILURES_KEPT);
                break;
            }
            out.printf(Locale.ROOT, "%s seed %d: %s [%s] %s%n  replay: %s%n", failure.outcome() == Outcome.UNDECIDED ? "UNDECIDED" : "FAILED",
                    failure.seed(), failure.outcome(), failure.property(), failure.message(), scenarioArguments.replayCommand(failure.seed()));
        }
    }

    /**
     * Shrinks the first failure and up to {@code --shrink-tries - 1} more of the same class and
     * property, and keeps the smallest: a failure that needs a rare alignment of events often
     * shrinks far better from one seed than from another.
     */
    private void shrinkFirst(Scenario scenario, List<SweepSummary.Failure> failures, Map<Long, String> shrunkFiles) {
        PrintWriter err = spec.commandLine().getErr();
        SweepSummary.Failure first = failures.get(0);
        Shrinker.Shrunk best = null;
        int tried = 0;
        for (SweepSummary.Failure failure : failures) {
            if (tried == shrinkTries) {
                break;
            }
            if (failure.outcome() != first.outcome() || !java.util.Objects.equals(failure.property(), first.property())) {
                continue;
            }
            tried++;
            err.printf(Locale.ROOT, "shrinking seed %d...%n", failure.seed());
            err.flush();
            Shrinker.Shrunk shrunk = new Shrinker((candidate, s) -> scenarioArguments.run(candidate, s, TraceSink.NONE), Shrinker.DEFAULT_MAX_RUNS)
                    .shrink(scenario, failure.seed());
            if (best == null || Shrinker.size(shrunk.scenario()) < Shrinker.size(best.scenario())) {
                best = shrunk;
            }
        }
        Path file = shrinkOut != null ? shrinkOut : OutputPaths.check(OutputPaths.named("shrunk", scenario.name(), best.original().seed()), "--shrink-out");
        OutputPaths.requireDistinct(scenarioArguments.inputs(), List.of(new OutputPaths.Named("--shrink-out", file)));
        ShrinkCommand.write(file, best);
        String replay = OutputPaths.anyStandardOutput(file) ? "" // a file sent to standard output has no name to replay
                : "  replay: ./raftsim run " + Shell.quote(file.toString()) + scenarioArguments.bugOptions() + "\n";
        if (!OutputPaths.anyStandardOutput(file)) {
            Path pageDirectory = html == null || OutputPaths.anyStandardOutput(html) ? Path.of("").toAbsolutePath() : html.toAbsolutePath().getParent();
            shrunkFiles.put(best.original().seed(), pageDirectory.relativize(file.toAbsolutePath()).toString().replace('\\', '/'));
        }
        err.printf(Locale.ROOT, "shrunk to %d fault steps, %d nodes, %d clients, %d ms (best of %d): %s%n%s",
                best.faultCount(), best.scenario().nodes(), best.scenario().clients().count(), best.scenario().durationMs(),
                tried, file, replay);
        err.flush();
    }

    /** The most severe class decides the exit code: any failure before undecided runs, which come last. */
    static int exitCode(SweepSummary summary) {
        for (Outcome outcome : Outcome.values()) {
            if (outcome != Outcome.PASSED && summary.outcomes().getOrDefault(outcome, 0L) > 0) {
                return outcome.exitCode();
            }
        }
        return ExitCode.PASSED;
    }
}

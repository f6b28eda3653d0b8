package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioException;
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
        Scenario scenario = scenarioArguments.load();
        OutputPaths.check(html, "--html");
        OutputPaths.check(shrinkOut, "--shrink-out");
        Progress progress = new Progress(spec.commandLine().getErr(), range.size());
        long startNanos = System.nanoTime();
        SweepSummary summary = Sweep.run(range, threadCount, seed -> scenarioArguments.run(scenario, seed, TraceSink.NONE), progress::update);
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        SweepJson.Header header = new SweepJson.Header(scenario.name(), range.toString(), scenarioArguments.replayTemplate());
        if (json) {
            out.println(Summary.JSON.writeValueAsString(SweepJson.write(header, summary)));
        } else {
            printText(out, scenario, range, threadCount, summary, wallSeconds);
        }
        out.flush();
        int exitCode = exitCode(summary);
        // The summary is out; a file that cannot be written now loses only itself, and a found
        // failure keeps its exit code.
        boolean written = true;
        if (html != null) {
            written = writeOrSay(() -> AtomicFile.write(html, SweepHtml.page(header, summary)), "--html");
        }
        if (!summary.failures().isEmpty() && !noShrink) {
            written &= writeOrSay(() -> shrinkFirst(scenario, summary.failures()), "shrink");
        }
        return exitCode != ExitCode.PASSED || written ? exitCode : ExitCode.BAD_INPUT;
    }

    private boolean writeOrSay(Runnable output, String what) {
        try {
            output.run();
            return true;
        } catch (ScenarioException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("raftsim: " + what + ": " + Main.BadInput.message(e));
            spec.commandLine().getErr().flush();
            return false;
        }
    }

    private void printText(PrintWriter out, Scenario scenario, SeedRange range, int threadCount, SweepSummary summary, double wallSeconds) {
        out.printf(Locale.ROOT, "%-13s %s (%d nodes, %d ms)%n", "scenario", scenario.name(), scenario.nodes(), scenario.durationMs());
        out.printf(Locale.ROOT, "%-13s %s: %d runs on %d threads%n", "seeds", range, summary.runs(), threadCount);
        out.printf(Locale.ROOT, "%-13s %d passed, %d failed%n", "result", summary.runs() - summary.failed(), summary.failed());
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
        out.printf(Locale.ROOT, "%-13s %,d (%,.0f steps/s)%n", "steps", summary.steps(), summary.steps() / Math.max(wallSeconds, 1e-9));
        out.printf(Locale.ROOT, "%-13s %016x%n", "digest", summary.combinedDigest());
        out.printf(Locale.ROOT, "%-13s %.1f s%n", "wall time", wallSeconds);
        int shown = 0;
        for (SweepSummary.Failure failure : summary.failures()) {
            if (shown++ == FAILURES_PRINTED) {
                out.printf(Locale.ROOT, "... and %d more failed seeds (--json lists up to %d)%n", summary.failed() - FAILURES_PRINTED, SweepSummary.MAX_FAILURES_KEPT);
                break;
            }
            out.printf(Locale.ROOT, "FAILED seed %d: %s [%s] %s%n  replay: %s%n", failure.seed(), failure.outcome(), failure.property(),
                    failure.message(), scenarioArguments.replayCommand(failure.seed()));
        }
    }

    /**
     * Shrinks the first failure and up to {@code --shrink-tries - 1} more of the same class and
     * property, and keeps the smallest: a failure that needs a rare alignment of events often
     * shrinks far better from one seed than from another.
     */
    private void shrinkFirst(Scenario scenario, List<SweepSummary.Failure> failures) {
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
        ShrinkCommand.write(file, best);
        err.printf(Locale.ROOT, "shrunk to %d fault steps, %d nodes, %d clients, %d ms (best of %d): %s%n  replay: ./raftsim run %s%s%n",
                best.faultCount(), best.scenario().nodes(), best.scenario().clients().count(), best.scenario().durationMs(),
                tried, file, Shell.quote(file.toString()), scenarioArguments.bugOptions());
        err.flush();
    }

    /** The most severe failure class decides the exit code. */
    static int exitCode(SweepSummary summary) {
        for (Outcome outcome : Outcome.values()) {
            if (outcome != Outcome.PASSED && summary.outcomes().getOrDefault(outcome, 0L) > 0) {
                return outcome.exitCode();
            }
        }
        return ExitCode.PASSED;
    }

    /** A progress bar on stderr, only when a person watches a terminal. */
    private static final class Progress {
        private final PrintWriter err;
        private final long total;
        private final boolean visible = System.console() != null;
        private long shownPercent = -1;

        Progress(PrintWriter err, long total) {
            this.err = err;
            this.total = Math.max(1, total);
        }

        synchronized void update(long done) {
            long percent = done * 100 / total;
            if (visible && percent != shownPercent) {
                shownPercent = percent;
                int bar = (int) (percent / 4);
                err.printf(Locale.ROOT, "\r[%s%s] %3d%% %d/%d seeds", "#".repeat(bar), " ".repeat(25 - bar), percent, done, total);
                err.flush();
            }
        }

        synchronized void finish() {
            if (visible && shownPercent >= 0) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
            }
        }
    }
}

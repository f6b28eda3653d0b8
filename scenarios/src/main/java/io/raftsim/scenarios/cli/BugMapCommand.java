package io.raftsim.scenarios.cli;

import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.spi.PlantedMistake;
import io.raftsim.harness.spi.RaftImplementation;
import io.raftsim.reports.io.AtomicFile;
import io.raftsim.reports.io.InputFiles;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.conform.BugMap;
import io.raftsim.scenarios.conform.BugMapResults;
import io.raftsim.scenarios.format.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code raftsim bug-map GROUP}: which scenarios of a catalogue group catch which planted
 * mistake, by the first failing seed of each pair (docs/bugs.md, "What the course group
 * catches"). Hidden, as {@code --bug} is: planting mistakes is for testing the checks. Measuring
 * takes minutes ({@code --results FILE} keeps it); {@code --from FILE} prints the table of a
 * kept measurement at once, which is what the docs' generated region runs.
 */
@Command(name = "bug-map", hidden = true, mixinStandardHelpOptions = true,
        description = {"For each planted mistake and each scenario of a catalogue group, the first seed that catches it; a Markdown table.",
                "--results FILE keeps the measurement; --from FILE prints the table of a kept one."})
final class BugMapCommand implements Callable<Integer> {
    private static final long MAX_RESULTS_BYTES = 1 << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GROUP", description = "A catalogue group: course.")
    String group;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "200", description = "Seeds 1..N of each pair, stopping at the first that catches (default ${DEFAULT-VALUE}).")
    long seeds;

    @Option(names = "--implementation", paramLabel = "NAME", defaultValue = Implementations.DEFAULT,
            description = "Whose planted mistakes (default ${DEFAULT-VALUE}).")
    String implementation;

    @Option(names = "--threads", paramLabel = "N", description = "Pairs measured side by side, 1..256 (default: the number of cores).")
    Integer threads;

    @Option(names = "--results", paramLabel = "FILE", description = "Also write the measurement as CSV, for --from.")
    Path results;

    @Option(names = "--from", paramLabel = "FILE", description = "Print the table of a measurement written by --results instead of measuring.")
    Path from;

    @Override
    public Integer call() {
        List<String> scenarios = Catalogue.group(group);
        PrintWriter out = spec.commandLine().getOut();
        if (from != null) {
            if (results != null) {
                throw new ScenarioException("--results: give either --from or --results, not both");
            }
            String text;
            try {
                text = InputFiles.readText(from, MAX_RESULTS_BYTES);
            } catch (InputFiles.Unreadable e) {
                throw new ScenarioException("--from " + from + ": " + e.getMessage());
            }
            List<BugMap.Cell> cells = BugMapResults.read(text, from.toString());
            BugMap.requireWithin(cells, scenarios, from.toString());
            out.print(BugMap.markdown(cells, scenarios));
            out.flush();
            return ExitCode.PASSED;
        }
        if (seeds < 1 || seeds > 100_000) {
            throw new ScenarioException("--seeds: " + seeds + " is outside 1..100000");
        }
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (threadCount < 1 || threadCount > 256) {
            throw new ScenarioException("--threads: " + threadCount + " is outside 1..256");
        }
        RaftImplementation<?> chosen;
        try {
            chosen = Implementations.named(implementation);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("--implementation: " + e.getMessage());
        }
        OutputPaths.check(results, "--results");
        List<String> mistakes = chosen.plantableMistakes().stream().map(PlantedMistake::name).toList();
        List<BugMap.Cell> cells = measure(chosen.name(), mistakes, scenarios, threadCount);
        out.print(BugMap.markdown(cells, scenarios));
        out.flush();
        Outputs outputs = new Outputs(spec.commandLine().getErr());
        if (results != null) {
            String command = "./raftsim bug-map " + group + " --seeds " + seeds
                    + (chosen.name().equals(Implementations.DEFAULT) ? "" : " --implementation " + chosen.name()) + " --results " + results;
            outputs.write("--results", () -> AtomicFile.write(results, BugMapResults.write(command, cells)));
        }
        return outputs.exitCode(ExitCode.PASSED);
    }

    /** Each pair on its own thread, results in the pairs' order whatever the threads: each pair's runs are deterministic. */
    private List<BugMap.Cell> measure(String implementationName, List<String> mistakes, List<String> scenarios, int threadCount) {
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        try {
            List<Future<BugMap.Cell>> futures = new ArrayList<>();
            for (String[] pair : BugMap.pairs(mistakes, scenarios)) {
                futures.add(pool.submit(() -> BugMap.measure(implementationName, pair[0], pair[1], seeds)));
            }
            List<BugMap.Cell> cells = new ArrayList<>();
            for (Future<BugMap.Cell> future : futures) {
                cells.add(future.get());
            }
            return cells;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.raftsim.scenarios.cli;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.spi.SettingsException;
import io.raftsim.harness.spi.RaftImplementation;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.conform.Conformance;
import io.raftsim.scenarios.format.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code raftsim conform IMPLEMENTATION}: runs an implementation through everything the harness
 * checks and prints one table (docs/test-your-raft.md). Exit 0 when nothing failed (skipped
 * checks are listed with their reason), 1 when a check failed, 2 for bad input.
 */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = {"Run an implementation through the catalogue it supports, a random sweep, a run-twice digest check,",
                "the determinism scan of its classes and a negative control; print a table."})
final class ConformCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMPLEMENTATION", description = "An implementation on the class path: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ImplementationNames.class)
    String implementation;

    @Option(names = "--setting", paramLabel = "KEY=VALUE", description = "An implementation setting (repeatable), as implementationSettings in a scenario.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "20", description = "Seeds 1..N of each catalogue scenario (default ${DEFAULT-VALUE}).")
    int catalogueSeeds;

    @Option(names = "--sweep-seeds", paramLabel = "N", defaultValue = "200", description = "Seeds 1..N of the random scenario (default ${DEFAULT-VALUE}).")
    int sweepSeeds;

    @Option(names = "--control-seeds", paramLabel = "N", defaultValue = "2000",
            description = "At most N seeds of random with the negative control planted (default ${DEFAULT-VALUE}).")
    int controlSeeds;

    @Option(names = "--threads", paramLabel = "N", description = "Runs side by side, 1..256 (default: the number of cores).")
    Integer threads;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "Only the catalogue scenarios of a group, e.g. course (one per test of MIT 6.824's Raft lab), with no other check.")
    String group;

    static final class ImplementationNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ImplementationNames() {
            super(Implementations.names());
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RaftImplementation<?> chosen;
        try {
            chosen = Implementations.named(implementation);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("conform: " + e.getMessage());
        }
        TreeMap<String, String> values = new TreeMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new ScenarioException("--setting " + setting + ": expected KEY=VALUE");
            }
            values.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        try {
            chosen.validate(RaftConfig.defaults(5), values);
        } catch (SettingsException e) {
            throw new ScenarioException("--setting " + e.getMessage());
        }
        requireRange("--seeds", catalogueSeeds, 1, 100_000);
        requireRange("--sweep-seeds", sweepSeeds, 1, 10_000_000);
        requireRange("--control-seeds", controlSeeds, 1, 100_000);
        int runThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        requireRange("--threads", runThreads, 1, 256);
        if (group != null) {
            Catalogue.group(group); // bad input before anything runs
        }
        Conformance conformance = new Conformance(new Conformance.Options(chosen.name(), values, catalogueSeeds, sweepSeeds, 5, controlSeeds, runThreads,
                group));
        out.println("conform " + chosen.name() + ": " + chosen.description());
        out.flush();
        List<Conformance.Check> checks = conformance.run();
        out.print(table(checks));
        long failed = checks.stream().filter(check -> check.status() == Conformance.Status.FAILED).count();
        long skipped = checks.stream().filter(check -> check.status() == Conformance.Status.SKIPPED).count();
        out.printf(Locale.ROOT, "%d checks: %d passed, %d failed, %d skipped%n", checks.size(), checks.size() - failed - skipped, failed, skipped);
        for (Conformance.Check check : checks) {
            if (check.replay() != null) {
                out.println("replay " + check.name() + ": " + check.replay());
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ScenarioException(option + ": " + value + " is outside " + min + ".." + max);
        }
    }

    /** A Markdown table, so it reads in a terminal and pastes into docs. */
    static String table(List<Conformance.Check> checks) {
        StringBuilder text = new StringBuilder("| check | result | detail |\n|---|---|---|\n");
        for (Conformance.Check check : checks) {
            text.append("| ").append(check.name()).append(" | ").append(check.status()).append(" | ")
                    .append(TerminalText.safe(check.detail()).replace("|", "\\|")).append(" |\n");
        }
        return text.toString();
    }
}

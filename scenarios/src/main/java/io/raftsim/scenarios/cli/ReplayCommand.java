package io.raftsim.scenarios.cli;

import io.raftsim.harness.spi.Implementations;
import io.raftsim.reports.build.BuildIdentity;
import io.raftsim.scenarios.format.ScenarioHash;
import io.raftsim.reports.trace.ReplayCheckSink;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.reports.trace.TraceDifference;
import io.raftsim.reports.trace.TraceHeader;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code raftsim replay TRACE}: re-runs the scenario and seed a trace records and checks the
 * new run against the file event for event; on a mismatch prints the first differing event
 * from both runs.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-run the scenario and seed recorded in a trace and check the run matches it event for event.",
                "Exit code 0: identical; 1: the first differing event is printed from both runs."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace written by 'raftsim run ... --trace FILE'.")
    Path trace;

    /**
     * The bugs a run was recorded with: its reproducing command names them ({@code --bug X}),
     * and they are deliberately no scenario field (docs/trace-format.md).
     */
    static Set<String> plantedBugs(String source, String command, String implementation) {
        Set<String> bugs = new TreeSet<>();
        Matcher matcher = Pattern.compile("--bug[ =]([A-Z_]+)").matcher(command);
        while (matcher.find()) {
            if (Implementations.named(implementation).plantableMistake(matcher.group(1)) == null) {
                throw new ScenarioException(source + ": unknown planted bug " + matcher.group(1) + " of " + implementation);
            }
            bugs.add(matcher.group(1));
        }
        return bugs;
    }

    /** Whether this build recorded the trace: the same, a different one, or cannot tell (and why). */
    static String buildVerdict(TraceHeader header, Scenario scenario) {
        BuildIdentity recorded = header.build();
        BuildIdentity current = BuildIdentity.current();
        String hash = ScenarioHash.of(scenario);
        if (header.scenarioHash() != null && !header.scenarioHash().equals(hash)) {
            return "recorded by a different build: this one reads the recorded scenario as other settings (scenario hash "
                    + TerminalText.safe(header.scenarioHash()) + ", now " + hash + "), so the runs may differ without any nondeterminism";
        }
        return switch (recorded.compare(current)) {
            case SAME -> "the same build (" + TerminalText.safe(current.describe()) + ")";
            case DIFFERENT -> "recorded by a different build (this is " + TerminalText.safe(current.describe())
                    + "): a difference may come from changed code, not from nondeterminism";
            case UNKNOWN -> "cannot tell whether this build (" + TerminalText.safe(current.describe())
                    + ") recorded it: a commit is unknown or has uncommitted changes";
        };
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ReplayCheckSink check = ReplayCheckSink.open(trace)) {
            TraceHeader header = check.header();
            Scenario scenario = ScenarioReader.fromTree(header.scenario(), trace + ": header.scenario");
            out.printf(Locale.ROOT, "%-13s %s (seed %d), recorded by %s%n", "trace", TerminalText.safe(scenario.name()), header.seed(),
                    TerminalText.safe(header.build().describe()));
            // Said before comparing: a trace of other code differs for that reason alone, which
            // would otherwise look exactly like nondeterminism.
            out.printf(Locale.ROOT, "%-13s %s%n", "build", buildVerdict(header, scenario));
            out.flush();
            ScenarioResult result = ScenarioRunner.run(scenario, header.seed(), check, plantedBugs(trace + ": header.command", header.command(), scenario.implementation().name()));
            check.finish(Tracing.footer(result));
            TraceDifference difference = check.firstDifference();
            if (difference == null) {
                out.printf(Locale.ROOT, "%-13s identical: %d events, %d steps, digest %s, %s%n", "replay",
                        check.comparedEvents(), result.run().steps(), result.run().digestHex(), result.outcome());
                out.flush();
                return ExitCode.PASSED;
            }
            out.printf(Locale.ROOT, "%-13s DIFFERS at line %d (step %d)%n", "replay", difference.lineNumber(), difference.step());
            out.printf(Locale.ROOT, "%-13s %s%n", "recorded", difference.expected() == null ? "(the trace ends here)" : difference.expected());
            out.printf(Locale.ROOT, "%-13s %s%n", "re-run", difference.actual() == null ? "(the re-run ends here)" : difference.actual());
            out.flush();
            return ExitCode.VIOLATION;
        }
    }
}

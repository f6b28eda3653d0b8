package io.raftsim.scenarios.cli;

import picocli.CommandLine.Command;

/** The top of the {@code raftsim} command. */
@Command(name = "raftsim", mixinStandardHelpOptions = true, versionProvider = RaftsimCommand.Version.class,
        description = "A deterministic discrete-event simulator for Raft.",
        subcommands = {ListCommand.class, RunCommand.class, SweepCommand.class, ReplayCommand.class, ShrinkCommand.class, MergeCommand.class,
                ReportCommand.class, ExperimentCommand.class, BenchCommand.class, DocsCommand.class, ConformCommand.class, BugMapCommand.class},
        footer = {"", "Exit codes: 0 passed; 1 safety or linearizability violation; 2 bad input or usage;",
                "3 liveness failure; 4 an expect condition not reached; 5 a run bound was hit;",
                "6 linearizability undecided (the search ran out of steps on some key);",
                "7 a mid-run check of a scenario missed its deadline or broke in its window."})
final class RaftsimCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code --version}: the build's identity, as traces and summaries record it. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {TerminalText.safe(io.raftsim.reports.build.BuildIdentity.current().describe())};
        }
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (list, run, sweep, replay, shrink, merge, report, experiment, bench)");
    }
}

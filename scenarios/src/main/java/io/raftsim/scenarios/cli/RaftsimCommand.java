package io.raftsim.scenarios.cli;

import picocli.CommandLine.Command;

/** The top of the {@code raftsim} command. */
@Command(name = "raftsim", mixinStandardHelpOptions = true, version = "raftsim 0.1.0",
        description = "A deterministic discrete-event simulator for Raft.",
        subcommands = {ListCommand.class, RunCommand.class, SweepCommand.class, ReplayCommand.class, ShrinkCommand.class, MergeCommand.class,
                ReportCommand.class, ExperimentCommand.class, BenchCommand.class},
        footer = {"", "Exit codes: 0 passed; 1 safety or linearizability violation; 2 bad input or usage;",
                "3 liveness failure; 4 an expect condition not reached; 5 a run bound was hit;",
                "6 linearizability undecided (the search ran out of steps on some key)."})
final class RaftsimCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (list, run, sweep, replay, shrink, merge, report, experiment, bench)");
    }
}

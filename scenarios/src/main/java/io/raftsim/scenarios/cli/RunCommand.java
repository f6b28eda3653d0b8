package io.raftsim.scenarios.cli;

import io.raftsim.raft.cluster.ClusterOutcome;
import io.raftsim.scenarios.RandomScenario;
import io.raftsim.sim.engine.Time;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code raftsim run SCENARIO}: one seeded run, a short summary, and the command that replays it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one seeded scenario and summarise it. Today the catalogue holds 'random' (swarm faults drawn from the seed).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario name: random")
    String scenario;

    @Option(names = "--seed", description = "The run's seed (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--nodes", description = "Raft servers, odd, 1..9 (default ${DEFAULT-VALUE}).", defaultValue = "5")
    int nodes;

    @Option(names = "--duration-ms", description = "Virtual time of the faulty phase, 1..3600000 ms (default ${DEFAULT-VALUE}).", defaultValue = "20000")
    long durationMs;

    @Option(names = "--json", description = "Print one JSON object instead of the summary.")
    boolean json;

    @Override
    public Integer call() {
        if (!RandomScenario.NAME.equals(scenario)) {
            throw new ParameterException(spec.commandLine(), "unknown scenario '" + scenario + "' (known: random)");
        }
        if (nodes < 1 || nodes > 9) {
            throw new ParameterException(spec.commandLine(), "--nodes: " + nodes + " is outside 1..9");
        }
        if (durationMs < 1 || durationMs > 3_600_000) {
            throw new ParameterException(spec.commandLine(), "--duration-ms: " + durationMs + " is outside 1..3600000");
        }
        long startNanos = System.nanoTime();
        ClusterOutcome outcome = RandomScenario.run(seed, nodes, Time.ms(durationMs), io.raftsim.sim.trace.TraceSink.NONE);
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        String replay = "./raftsim run " + scenario + " --seed " + seed + " --nodes " + nodes + " --duration-ms " + durationMs;
        if (json) {
            out.println(Summary.json(outcome, seed, wallSeconds, replay));
        } else {
            out.print(Summary.text(outcome, scenario, seed, nodes, wallSeconds));
            if (!outcome.passed()) {
                out.println("replay: " + replay);
            }
        }
        out.flush();
        return ExitCode.of(outcome.verdict());
    }
}

package io.raftsim.scenarios.determinism;

import io.raftsim.sim.determinism.ForbiddenApiScanner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Scenario code that runs inside a simulation is deterministic. Exempt: the command-line
 * package (it reads the wall clock to report wall time) and the sweep harness, which runs
 * whole simulations side by side on threads but never touches one from two threads.
 */
class ScenariosDeterminismTest {
    private static final Predicate<String> SIMULATION_CODE = name -> !name.startsWith("io.raftsim.scenarios.cli.")
            && !name.startsWith("io.raftsim.scenarios.sweep.Sweep")
            || name.startsWith("io.raftsim.scenarios.sweep.SweepSummary") || name.startsWith("io.raftsim.scenarios.sweep.SweepJson");

    @Test
    void scenarioCodeOutsideTheCommandLineAndTheSweepHarnessIsDeterministic() {
        ForbiddenApiScanner.assertDeterministic(Path.of("target/classes"), SIMULATION_CODE);
    }
}

package io.raftsim.scenarios.determinism;

import io.raftsim.sim.determinism.ForbiddenApiScanner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * Scenario code that runs inside a simulation is deterministic. The command-line package is
 * exempt: it reads the wall clock to report wall time and will run sweeps on threads.
 */
class ScenariosDeterminismTest {
    @Test
    void scenarioCodeOutsideTheCommandLineIsDeterministic() throws Exception {
        ForbiddenApiScanner.assertDeterministic(Path.of("target/classes"), name -> !name.startsWith("io.raftsim.scenarios.cli."));
    }
}

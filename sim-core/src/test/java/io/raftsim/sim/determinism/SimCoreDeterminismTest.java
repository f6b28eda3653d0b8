package io.raftsim.sim.determinism;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** sim-core's main code never reaches for the wall clock, threads, unseeded randomness or hash-ordered iteration. */
class SimCoreDeterminismTest {
    @Test
    void simCoreMainCodeIsDeterministic() throws Exception {
        ForbiddenApiScanner.assertDeterministic(Path.of("target/classes"), className -> true);
    }
}

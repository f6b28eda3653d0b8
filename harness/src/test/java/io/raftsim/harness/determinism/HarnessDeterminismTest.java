package io.raftsim.harness.determinism;

import io.raftsim.sim.determinism.ForbiddenApiScanner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The harness runs inside every simulation: its main code never reaches for the wall clock, threads, unseeded randomness or hash-ordered iteration. */
class HarnessDeterminismTest {
    @Test
    void harnessMainCodeIsDeterministic() {
        ForbiddenApiScanner.assertDeterministic(Path.of("target/classes"), className -> true);
    }
}

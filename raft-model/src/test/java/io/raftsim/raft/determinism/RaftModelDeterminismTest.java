package io.raftsim.raft.determinism;

import io.raftsim.sim.determinism.ForbiddenApiScanner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** raft-model's main code never reaches for the wall clock, threads, unseeded randomness or hash-ordered iteration. */
class RaftModelDeterminismTest {
    @Test
    void raftModelMainCodeIsDeterministic() throws Exception {
        ForbiddenApiScanner.assertDeterministic(Path.of("target/classes"), className -> true);
    }
}

package io.raftsim.sim;

import io.raftsim.sim.toy.GossipSimulation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run in a fresh JVM (its own hash seeds, its own JIT, its own Set.of salt) has the same
 * digest as the same run here. The wait below is a bound on a child process, not a timing
 * assertion.
 */
class SeparateJvmDigestTest {

    @Test
    void sameSeedInAnotherJvmGivesTheSameDigest() throws IOException, InterruptedException {
        for (long seed : new long[] {1, 42, -7}) {
            String here = GossipSimulation.runWithRandomFaults(seed, 5, 20_000_000).digestHex();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    GossipSimulation.class.getName(), Long.toString(seed), "5", "20000000"))
                    .redirectErrorStream(true).start();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
            String there = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, child.exitValue(), there);
            assertEquals(here, there, "seed " + seed);
        }
    }
}

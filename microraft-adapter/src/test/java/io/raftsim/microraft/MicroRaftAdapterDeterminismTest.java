package io.raftsim.microraft;

import io.raftsim.sim.determinism.ForbiddenApiScanner;
import io.raftsim.sim.determinism.ForbiddenApiScanner.Violation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The adapter's own code never reaches for the wall clock, threads, unseeded randomness or
 * hash-ordered iteration, except in these uses, each allowed for one reason (and listed
 * exactly, so the list cannot rot):
 * <ul>
 *   <li>{@code SeededRandom} builds the seeded {@code java.util.Random} MicroRaft's builder
 *       requires, and {@code MicroRaftNode} passes it to {@code setRandom};
 *   <li>{@code MicroRaftNode} calls MicroRaft's {@code start()}, which returns a
 *       {@code CompletableFuture}; it is completed by a task on the {@code VirtualExecutor},
 *       on the simulation's thread, and no asynchronous stage is ever attached; {@code MicroRaftProcess}
 *       attaches one synchronous {@code whenComplete} to {@code replicate}'s future to answer the client;
 *       {@code MembershipRequests} reads {@code changeMembership}'s future after running the task
 *       that decides it ({@code isCompletedExceptionally}, {@code join} of a completed future only);
 *   <li>{@code BuilderThreadGroups} touches {@code ThreadGroup} and the default executor's
 *       {@code ScheduledExecutorService} only to shut down the (never started) service and
 *       destroy the empty group MicroRaft's builder leaves behind.
 * </ul>
 * MicroRaft's own classes are covered source by source in {@code DeterminismSourcesTest}.
 */
class MicroRaftAdapterDeterminismTest {
    private static final Set<String> ALLOWED = Set.of(
            "io.raftsim.microraft.SeededRandom uses java.util.Random",
            "io.raftsim.microraft.MicroRaftNode uses java.util.Random",
            "io.raftsim.microraft.MicroRaftNode uses java.util.concurrent.CompletableFuture",
            "io.raftsim.microraft.MicroRaftProcess uses java.util.concurrent.CompletableFuture",
            "io.raftsim.microraft.MembershipRequests uses java.util.concurrent.CompletableFuture",
            "io.raftsim.microraft.BuilderThreadGroups uses java.lang.ThreadGroup",
            "io.raftsim.microraft.BuilderThreadGroups uses java.util.concurrent.ExecutorService",
            "io.raftsim.microraft.BuilderThreadGroups uses java.util.concurrent.ScheduledExecutorService");

    @Test
    void adapterMainCodeIsDeterministicApartFromTheListedUses() {
        List<Violation> violations = ForbiddenApiScanner.scan(Path.of("target/classes"), className -> true);
        TreeSet<String> found = new TreeSet<>();
        for (Violation violation : violations) {
            found.add(violation.className() + " uses " + violation.api());
        }
        assertEquals(new TreeSet<>(ALLOWED), found);
    }
}

package io.raftsim.harness.cluster;

import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.FaultScheduleGenerator;
import io.raftsim.sim.fault.TimedFault;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole clusters under faults: the checks stay silent on the correct implementation, and the clients make progress. */
class ClusterSafetyTest {

    @Test
    void cleanRunsWithCrashesAndPartitionsRaiseNothing() {
        long totalSteps = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Cluster cluster = new Cluster(ClusterSpec.defaults(5), seed, TraceSink.NONE);
            RandomStream random = cluster.engine().randomStream("faults");
            FaultSchedule faults = FaultScheduleGenerator.generate(random, FaultProfile.allKinds(1_000_000, 800_000), 5, 0, 10_000_000, LinkConfig.DEFAULT);
            ClusterOutcome outcome = cluster.run(10_000_000, faults, true);
            assertTrue(outcome.passed(), "seed " + seed + ": " + outcome);
            totalSteps += outcome.run().steps();
        }
        assertTrue(totalSteps > 20_000, "thousands of steps were checked: " + totalSteps);
    }

    @Test
    void leaderIsElectedAndClientsCommitWithoutFaults() {
        Cluster cluster = new Cluster(ClusterSpec.defaults(3), 7, TraceSink.NONE);
        ClusterOutcome outcome = cluster.run(5_000_000, FaultSchedule.EMPTY, true);
        assertTrue(outcome.passed(), outcome.toString());
        assertEquals(1, outcome.stats().elections(), "one election suffices on a quiet network");
        assertTrue(outcome.stats().operationsCompleted() > 50, "clients made progress: " + outcome.stats());
        assertEquals(0, outcome.stats().operationsUnknown());
    }

    /** The long-log benchmark's start: every server holds the same preloaded log, and the cluster commits on top of it. */
    @Test
    void aPreloadedLogIsEveryServersAndTheClusterCommitsPastIt() {
        // No history: the clients' checker knows nothing of the preloaded puts (as in the benchmark).
        Cluster cluster = new Cluster(ClusterSpec.defaults(3).withMaxHistoryOperations(0), 7, TraceSink.NONE);
        cluster.preloadLog(500);
        ClusterOutcome outcome = cluster.run(3_000_000, FaultSchedule.EMPTY, true);
        assertTrue(outcome.passed(), outcome.toString());
        for (int server = 0; server < 3; server++) {
            assertTrue(cluster.probe(server).commitIndex() > 500, "n" + (server + 1) + " committed past the preloaded log");
            assertEquals(1, cluster.probe(server).termAt(500));
            for (long index : new long[] {1, 250, 500}) {
                assertEquals(cluster.probe(0).payloadFingerprintAt(index), cluster.probe(server).payloadFingerprintAt(index));
            }
        }
        assertTrue(cluster.probe(0).payloadFingerprintAt(1) != cluster.probe(0).payloadFingerprintAt(2), "entries differ from each other");
    }

    @Test
    void fullHistoryStopsNewOperationsInsteadOfFailingTheRun() {
        Cluster cluster = new Cluster(ClusterSpec.defaults(3).withMaxHistoryOperations(25), 5, TraceSink.NONE);
        ClusterOutcome outcome = cluster.run(5_000_000, FaultSchedule.EMPTY, true);
        assertTrue(outcome.passed(), outcome.toString());
        assertEquals(25, outcome.stats().operationsInvoked());
        assertEquals(25, outcome.stats().operationsCompleted());
    }

    @Test
    void minorityPartitionOfLeaderLeadsToNewLeaderAndRollbackOnHeal() {
        Cluster cluster = new Cluster(ClusterSpec.defaults(5), 3, TraceSink.NONE);
        ClusterOutcome warmUp = cluster.run(2_000_000, FaultSchedule.EMPTY, false);
        assertTrue(warmUp.passed(), warmUp.toString());
        int oldLeader = cluster.currentLeader();
        assertTrue(oldLeader >= 0);
        int other = (oldLeader + 1) % 5;
        List<Integer> rest = java.util.stream.IntStream.range(0, 5).filter(n -> n != oldLeader && n != other).boxed().toList();
        FaultSchedule split = new FaultSchedule(List.of(
                new TimedFault(2_000_000, new FaultAction.Partition(List.of(List.of(oldLeader, other), rest))),
                new TimedFault(6_000_000, new FaultAction.Heal())));
        ClusterOutcome outcome = cluster.run(10_000_000, split, true);
        assertTrue(outcome.passed(), outcome.toString());
        assertTrue(outcome.stats().highestTerm() > 1, "the majority elected a leader of a later term");
        assertTrue(cluster.currentLeader() != oldLeader || cluster.probe(oldLeader).currentTerm() > 1);
    }
}

package io.raftsim.harness.cluster;

import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The liveness phase is a real check: it passes on a healed cluster and fails, as its own class, when no progress is possible. */
class LivenessCheckTest {

    @Test
    void healedClusterElectsLeaderAndFinishesPendingOperations() {
        Cluster cluster = new Cluster(ClusterSpec.defaults(5), 11, TraceSink.NONE);
        ClusterOutcome outcome = cluster.run(3_000_000, FaultSchedule.EMPTY, true);
        assertTrue(outcome.passed(), outcome.toString());
        assertEquals(0, cluster.pendingClientOperations());
        assertTrue(cluster.leaderWithCommitInTerm() >= 0);
    }

    @Test
    void networkThatLosesEverythingIsALivenessFailureNotASafetyViolation() {
        ClusterSpec spec = ClusterSpec.defaults(3).withLinks(LinkConfig.DEFAULT.withDropRate(1.0));
        Cluster cluster = new Cluster(spec, 5, TraceSink.NONE);
        ClusterOutcome outcome = cluster.run(2_000_000, FaultSchedule.EMPTY, true);
        assertEquals(Verdict.LIVENESS_FAILURE, outcome.verdict(), outcome.toString());
        assertEquals("Liveness", outcome.property());
        assertTrue(outcome.message().contains("no leader"), outcome.message());
    }
}

package io.raftsim.harness.cluster;

import io.raftsim.harness.client.Workload;
import io.raftsim.sim.engine.ControlAction;
import io.raftsim.sim.engine.ControlTarget;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands submitted to one server, and the counts of what was sent, as a scenario's steps use them. */
class SubmitAndSendCountsTest {
    private static final long SUBMIT_MICROS = 1_000_000;

    @Test
    void aCommandSubmittedToAFollowerIsRedirectedAndCostsTwoMoreClientMessages() {
        Cluster onLeader = run(cluster -> cluster.submit(1, cluster.currentLeader()));
        Cluster onFollower = run(cluster -> cluster.submit(1, (cluster.currentLeader() + 1) % 3));
        assertEquals(1, onLeader.stats().operationsInvoked());
        assertEquals(1, onFollower.stats().operationsCompleted(), "the follower's redirect was followed");
        assertEquals(2, onLeader.sent().clientMessages(), "a request and its answer");
        assertEquals(4, onFollower.sent().clientMessages(), "a request, a redirect, the request again, its answer");
        assertTrue(onLeader.sent().clientBytes() > 0 && onFollower.sent().clientBytes() > onLeader.sent().clientBytes());
    }

    @Test
    void serverCountsSeeRpcsRepliesAndBytesApart() {
        Cluster cluster = run(c -> { });
        long rpcs = cluster.sent().serverRpcs();
        assertTrue(rpcs > 0, "votes and heartbeats");
        assertTrue(cluster.sent().serverMessages() > rpcs && cluster.sent().serverMessages() <= 2 * rpcs, "each reply answers a request");
        assertTrue(cluster.sent().serverBytes() >= cluster.sent().serverMessages(), "every message is at least a byte");
        assertEquals(0, cluster.sent().clientMessages(), "no clients, no client traffic");
    }

    private static Cluster run(Consumer<Cluster> atOneSecond) {
        Cluster cluster = new Cluster(ClusterSpec.defaults(3).withWorkload(Workload.of(2, 0, 2)), 3, TraceSink.NONE);
        cluster.engine().schedule(SUBMIT_MICROS, new ControlAction() {
            @Override
            public String describe() {
                return "submit";
            }

            @Override
            public void apply(ControlTarget target) {
                atOneSecond.accept(cluster);
            }
        });
        ClusterOutcome outcome = cluster.run(3_000_000, FaultSchedule.EMPTY, false);
        assertTrue(outcome.passed(), outcome.toString());
        return cluster;
    }
}

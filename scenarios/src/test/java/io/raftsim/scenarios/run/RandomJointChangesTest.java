package io.raftsim.scenarios.run;

import io.raftsim.harness.event.RaftEvent;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.sim.trace.InMemoryTraceSink;
import io.raftsim.sim.trace.TraceRecord;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The catalogue's {@code random} scenario meets joint consensus (dissertation §4.3) as a sweep
 * runs it: within its first seeds a leader accepts a change of several servers at once, servers
 * enter C_old,new and leave it for C_new, and a leader is asked to remove itself in such a change.
 * Before {@code random} drew joint changes no seed of it ever had a joint configuration, so its
 * sweeps could not catch a mistake of the joint quorum rules (docs/bugs.md).
 */
class RandomJointChangesTest {
    private static final Scenario RANDOM = Catalogue.load("random");
    /** Seeds 11 and 12 are the first to enter a joint configuration (seed 12's leader removes itself); a few to spare. */
    private static final int SEEDS = 20;

    @Test
    void aSeedOfTheFirstFewEntersAJointConfigurationAndLeavesIt() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            InMemoryTraceSink trace = new InMemoryTraceSink(3_000_000);
            ScenarioResult result = ScenarioRunner.run(RANDOM, seed, trace, Set.of());
            assertTrue(result.passed(), "seed " + seed + ": " + result);
            List<RaftEvent.ConfigurationChanged> changes = trace.records().stream().map(TraceRecord::payload)
                    .filter(RaftEvent.ConfigurationChanged.class::isInstance).map(RaftEvent.ConfigurationChanged.class::cast).toList();
            for (int i = 0; i < changes.size(); i++) {
                RaftEvent.ConfigurationChanged joint = changes.get(i);
                if (joint.outgoingVoters().isEmpty()) {
                    continue;
                }
                // The same server later holds C_new: its voters, no outgoing ones (the leader appends it once C_old,new commits).
                boolean left = changes.subList(i + 1, changes.size()).stream().anyMatch(next -> next.node() == joint.node()
                        && next.outgoingVoters().isEmpty() && next.voters().equals(joint.voters()));
                assertTrue(left, "seed " + seed + ": n" + (joint.node() + 1) + " entered " + joint + " and never held its C_new");
                return;
            }
        }
        fail("no seed of random 1.." + SEEDS + " entered a joint configuration");
    }

    @Test
    void aSeedOfTheFirstFewHasALeaderAcceptAJointChangeThatRemovesIt() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            InMemoryTraceSink trace = new InMemoryTraceSink(3_000_000);
            ScenarioRunner.run(RANDOM, seed, trace, Set.of());
            boolean removesItsLeader = trace.records().stream().map(TraceRecord::detail)
                    .filter(detail -> detail != null && detail.startsWith("changeMembership ") && detail.endsWith(": ACCEPTED"))
                    .anyMatch(RandomJointChangesTest::removesTheLeaderAsked);
            if (removesItsLeader) {
                return;
            }
        }
        fail("no leader of random 1.." + SEEDS + " accepted a joint change removing itself");
    }

    /** {@code changeMembership ... removeServers n1,n3 asked of leader n1: ACCEPTED}: the leader asked is among those removed. */
    private static boolean removesTheLeaderAsked(String detail) {
        int removed = detail.indexOf("removeServers ");
        int asked = detail.indexOf(" asked of leader ");
        if (removed < 0 || asked < removed) {
            return false;
        }
        String leader = detail.substring(asked + " asked of leader ".length(), detail.indexOf(':', asked));
        return Arrays.asList(detail.substring(removed + "removeServers ".length(), asked).split(",")).contains(leader);
    }
}

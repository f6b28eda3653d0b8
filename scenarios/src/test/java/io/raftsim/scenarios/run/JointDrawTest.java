package io.raftsim.scenarios.run;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.ImplementationChoice;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The joint-consensus changes {@code random} draws (JointDraw, dissertation §4.3): each one the
 * planned configuration allows, servers made voters only from learners, C_new never below two
 * voters; none for an implementation without joint consensus; and a seed whose coin says no runs
 * as before joint changes were drawn.
 */
class JointDrawTest {
    private static final Scenario RANDOM = Catalogue.load("random");

    @Test
    void everyDrawnChangeIsOneThePlannedConfigurationAllows() {
        int drawn = 0;
        int joint = 0;
        int severalLeave = 0;
        int everyVoterReplaced = 0;
        for (long seed = 1; seed <= 2_000; seed++) {
            SwarmDraw swarm = SwarmDraw.of(RANDOM, seed);
            JointDraw draw = swarm.joint();
            assertEquals(swarm.on().contains(SwarmOption.JOINT_CONSENSUS), draw.drawn(), "seed " + seed);
            if (!draw.drawn()) {
                continue;
            }
            drawn++;
            Scenario runs = SwarmDraw.withDrawnRaftOptions(RANDOM, seed);
            assertTrue(runs.faults().containsAll(draw.steps()), "seed " + seed + ": the run's scenario carries the drawn steps");
            assertEquals(runs.faults().stream().sorted(Comparator.comparingLong(FaultStep::atMicros)).toList(), runs.faults(), "seed " + seed + ": in time order");
            if (!draw.initialMembers().isEmpty()) {
                assertFalse(swarm.membership().drawn(), "seed " + seed + ": only one draw decides the initial voters");
            }
            TreeSet<Integer> voters = new TreeSet<>(runs.members());
            TreeSet<Integer> learners = new TreeSet<>();
            // The single-server changes the plan assumed, in time order with this draw's own.
            List<FaultStep> changes = new ArrayList<>(swarm.membership().steps());
            changes.addAll(draw.steps());
            changes.sort(Comparator.comparingLong(FaultStep::atMicros));
            for (FaultStep step : changes) {
                assertTrue(step.atMicros() >= Time.ms(MembershipDraw.FIRST_CHANGE_MS) && step.atMicros() < Time.ms(RANDOM.durationMs()), "seed " + seed + ": " + step);
                if (step instanceof FaultStep.Membership single) {
                    applySingle(single, voters, learners);
                    continue;
                }
                FaultStep.JointChange change = (FaultStep.JointChange) step;
                List<Integer> add = indices(change.addVoters());
                List<Integer> join = indices(change.addLearners());
                List<Integer> remove = indices(change.removeServers());
                if (!swarm.membership().drawn()) {
                    // Without single-server changes beside it, the plan is exact: every part applies.
                    assertTrue(learners.containsAll(add), "seed " + seed + ": made voters only from learners: " + step + " " + learners);
                    assertTrue(join.stream().noneMatch(s -> voters.contains(s) || learners.contains(s)), "seed " + seed + ": " + step);
                    assertTrue(remove.stream().allMatch(s -> voters.contains(s) || learners.contains(s)), "seed " + seed + ": " + step);
                }
                TreeSet<Integer> before = new TreeSet<>(voters);
                voters.removeAll(remove);
                learners.removeAll(remove);
                learners.removeAll(add);
                voters.addAll(add);
                learners.addAll(join);
                if (!swarm.membership().drawn()) {
                    assertTrue(voters.size() >= JointDraw.MIN_VOTERS, "seed " + seed + ": C_new " + voters + " after " + step);
                }
                if (!before.equals(voters)) {
                    joint++;
                }
                if (remove.stream().filter(before::contains).count() >= 2) {
                    severalLeave++;
                }
                if (!before.isEmpty() && voters.stream().noneMatch(before::contains)) {
                    everyVoterReplaced++;
                }
            }
        }
        assertTrue(drawn > 2_000 * JointDraw.JOINT_CHANCE * 0.8 && drawn < 2_000 * JointDraw.JOINT_CHANCE * 1.2, drawn + " of 2000");
        assertTrue(joint > drawn, "changes of the voters (joint configurations): " + joint + " in " + drawn + " seeds");
        assertTrue(severalLeave > drawn / 10, "changes removing two voters or more at once: " + severalLeave);
        assertTrue(everyVoterReplaced > 0, "changes sharing no voter between C_old and C_new: " + everyVoterReplaced);
    }

    @Test
    void anImplementationWithoutJointConsensusDrawsNoneAndTheStreamTheSame() {
        for (long seed = 1; seed <= 300; seed++) {
            RandomStream with = new RandomStream(seed).derive("swarm-joint");
            RandomStream without = new RandomStream(seed).derive("swarm-joint");
            JointDraw.draw(with, RANDOM.members(), RANDOM.nodes(), RANDOM.durationMs(), true, MembershipDraw.NONE);
            assertEquals(JointDraw.NONE, JointDraw.draw(without, RANDOM.members(), RANDOM.nodes(), RANDOM.durationMs(), false, MembershipDraw.NONE),
                    "seed " + seed);
            assertEquals(with.nextLong(), without.nextLong(), "seed " + seed + ": the stream is drawn as often either way");
        }
    }

    /** MicroRaft has single-server changes but no joint consensus: it draws the single-server ones as before, and no joint one. */
    @Test
    void microRaftDrawsNoJointChange() {
        Scenario microRaft = RANDOM.withImplementation(ImplementationChoice.of("microraft", Map.of()));
        int modelJoint = 0;
        for (long seed = 1; seed <= 300; seed++) {
            SwarmDraw draw = SwarmDraw.of(microRaft, seed);
            assertEquals(JointDraw.NONE, draw.joint(), "seed " + seed);
            assertFalse(draw.on().contains(SwarmOption.JOINT_CONSENSUS), "seed " + seed);
            assertTrue(SwarmDraw.withDrawnRaftOptions(microRaft, seed).faults().stream().noneMatch(FaultStep.JointChange.class::isInstance), "seed " + seed);
            assertEquals(SwarmDraw.of(RANDOM, seed).membership(), draw.membership(), "seed " + seed);
            modelJoint += SwarmDraw.of(RANDOM, seed).joint().drawn() ? 1 : 0;
        }
        assertTrue(modelJoint > 0, "the model draws joint changes in these seeds");
    }

    /**
     * Seeds 1..5 draw no joint change, and their runs are byte for byte those of the code before
     * joint changes were drawn (digests of commit c6195db, `./raftsim run random --seed N`).
     */
    @Test
    void seedsWhoseCoinSaysNoRunAsBefore() {
        List<String> before = List.of("7982ae02d56e1d29", "5d0f747eeaa9f0d1", "49c5517488b14bd3", "6fb12e6aa6d20b8c", "6fa0e3031f478ea4");
        for (int i = 0; i < before.size(); i++) {
            long seed = i + 1;
            assertFalse(SwarmDraw.of(RANDOM, seed).joint().drawn(), "seed " + seed);
            assertEquals(before.get(i), ScenarioRunner.run(RANDOM, seed, TraceSink.NONE, Set.of()).run().digestHex(), "seed " + seed);
        }
    }

    private static void applySingle(FaultStep.Membership change, TreeSet<Integer> voters, TreeSet<Integer> learners) {
        int server = change.node().index();
        switch (change.kind()) {
            case ADD_LEARNER -> {
                if (!voters.contains(server)) {
                    learners.add(server);
                }
            }
            case PROMOTE_LEARNER -> {
                if (learners.remove(server)) {
                    voters.add(server);
                }
            }
            case REMOVE_SERVER -> {
                if (!learners.remove(server) && voters.size() > 1) {
                    voters.remove(server);
                }
            }
        }
    }

    private static List<Integer> indices(List<NodeRef> refs) {
        return refs.stream().map(NodeRef::index).toList();
    }
}

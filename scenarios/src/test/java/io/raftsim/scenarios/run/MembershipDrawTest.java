package io.raftsim.scenarios.run;

import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.ImplementationChoice;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.InMemoryTraceSink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The membership changes {@code random} draws: each one the planned configuration allows, written into the scenario the seed runs. */
class MembershipDrawTest {
    private static final Scenario RANDOM = Catalogue.load("random");

    @Test
    void everyDrawnChangeIsOneThePlannedConfigurationAllowsAndTwoVotersAreAlwaysLeft() {
        int drawn = 0;
        for (long seed = 1; seed <= 2_000; seed++) {
            MembershipDraw draw = SwarmDraw.of(RANDOM, seed).membership();
            if (!draw.drawn()) {
                continue;
            }
            drawn++;
            Scenario runs = SwarmDraw.withDrawnRaftOptions(RANDOM, seed);
            TreeSet<Integer> voters = new TreeSet<>(runs.members());
            assertTrue(voters.size() >= RANDOM.nodes() - MembershipDraw.MAX_SPARE_SERVERS, "seed " + seed + ": " + voters);
            TreeSet<Integer> learners = new TreeSet<>();
            long previousMicros = 0;
            for (FaultStep step : draw.steps()) {
                FaultStep.Membership change = (FaultStep.Membership) step;
                int server = change.node().index();
                assertTrue(change.atMicros() >= previousMicros && change.atMicros() >= Time.ms(MembershipDraw.FIRST_CHANGE_MS)
                        && change.atMicros() < Time.ms(RANDOM.durationMs()), "seed " + seed + ": " + step);
                previousMicros = change.atMicros();
                switch (change.kind()) {
                    case ADD_LEARNER -> assertTrue(!voters.contains(server) && learners.add(server), "seed " + seed + ": " + step);
                    case PROMOTE_LEARNER -> assertTrue(learners.remove(server) && voters.add(server), "seed " + seed + ": " + step);
                    case REMOVE_SERVER -> assertTrue(learners.remove(server) || voters.size() > MembershipDraw.MIN_VOTERS && voters.remove(server), "seed " + seed + ": " + step);
                }
            }
            assertTrue(voters.size() >= MembershipDraw.MIN_VOTERS, "seed " + seed);
            assertTrue(runs.faults().containsAll(draw.steps()), "seed " + seed + ": the run's scenario carries the drawn steps");
        }
        assertTrue(drawn > 2_000 * MembershipDraw.MEMBERSHIP_CHANCE * 0.8 && drawn < 2_000 * MembershipDraw.MEMBERSHIP_CHANCE * 1.2, drawn + " of 2000");
    }

    @Test
    void anImplementationWithoutMembershipChangesDrawsNoneAndTheSameOtherwise() {
        for (long seed = 1; seed <= 300; seed++) {
            RandomStream with = new RandomStream(seed).derive("swarm-membership");
            RandomStream without = new RandomStream(seed).derive("swarm-membership");
            MembershipDraw supported = MembershipDraw.draw(with, RANDOM.members(), RANDOM.nodes(), RANDOM.durationMs(), true);
            assertEquals(MembershipDraw.NONE, MembershipDraw.draw(without, RANDOM.members(), RANDOM.nodes(), RANDOM.durationMs(), false),
                    "seed " + seed);
            // The stream is drawn the same number of times whether or not the implementation can change membership.
            assertEquals(with.nextLong(), without.nextLong(), "seed " + seed + ": " + supported);
        }
    }

    @Test
    void microRaftDrawsTheSameMembershipChangesAsTheModel() {
        Scenario microRaft = RANDOM.withImplementation(ImplementationChoice.of("microraft", Map.of()));
        int drawn = 0;
        for (long seed = 1; seed <= 300; seed++) {
            MembershipDraw draw = SwarmDraw.of(microRaft, seed).membership();
            assertEquals(SwarmDraw.of(RANDOM, seed).membership(), draw, "seed " + seed);
            drawn += draw.drawn() ? 1 : 0;
        }
        assertTrue(drawn > 0, "MicroRaft has membership changes now");
    }

    @Test
    void aSeedThatDrawsMembershipAsksTheLeaderForItsChanges() {
        long seed = firstSeedDrawingSpareServers();
        Scenario shortRandom = RANDOM;
        InMemoryTraceSink trace = new InMemoryTraceSink(2_000_000);
        ScenarioResult result = ScenarioRunner.run(shortRandom, seed, trace, Set.of());
        assertTrue(result.passed(), result.toString());
        List<String> asked = trace.records().stream().map(r -> r.detail()).filter(d -> d != null && d.contains(" asked of leader ")).toList();
        assertFalse(asked.isEmpty(), "seed " + seed + " asked no leader for a change");
        assertTrue(asked.stream().anyMatch(d -> d.endsWith(MembershipChange.Answer.ACCEPTED.name())), asked.toString());
    }

    private static long firstSeedDrawingSpareServers() {
        for (long seed = 1; ; seed++) {
            if (!SwarmDraw.of(RANDOM, seed).membership().initialMembers().isEmpty()) {
                return seed;
            }
        }
    }
}

package io.raftsim.scenarios.run;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.RandomFaults;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.sweep.SweepSummary;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.TimedFault;
import io.raftsim.sim.network.Traffic;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the {@code random} scenario draws besides its faults, and that drawing it moves nothing else. */
class SwarmDrawTest {
    private static final Scenario RANDOM = Catalogue.load("random");

    @Test
    void everyOptionIsOnInAboutItsShareOfSeedsAndOffInTheRest() {
        int seeds = 3_000;
        EnumMap<SwarmOption, Integer> on = new EnumMap<>(SwarmOption.class);
        int repliesLateRequestsCalm = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            SwarmDraw draw = SwarmDraw.of(RANDOM, seed);
            draw.on().forEach(option -> on.merge(option, 1, Integer::sum));
            assertEquals(draw.on().contains(SwarmOption.PRE_VOTE), draw.raft().preVote());
            assertEquals(draw.on().contains(SwarmOption.CHECK_QUORUM), draw.raft().checkQuorum());
            assertEquals(draw.on().contains(SwarmOption.FAST_BACKTRACK), draw.raft().fastBacktrack());
            assertEquals(draw.on().contains(SwarmOption.BATCHING), draw.raft().maxEntriesPerAppend() > 1);
            assertEquals(draw.on().contains(SwarmOption.PIPELINING), draw.raft().maxInflightAppends() > 1);
            var links = draw.network().toLinkConfig();
            assertEquals(draw.on().contains(SwarmOption.LATE_REQUESTS), links.forTraffic(Traffic.REQUEST).tailMaxMicros() >= 1_000_000);
            assertEquals(draw.on().contains(SwarmOption.LATE_REPLIES), links.forTraffic(Traffic.REPLY).tailMaxMicros() >= 1_000_000);
            assertEquals(draw.on().contains(SwarmOption.LOSSY_LINKS), links.dropRate() > 0);
            assertEquals(draw.on().contains(SwarmOption.SNAPSHOTS), draw.raft().snapshotEveryEntries() > 0);
            assertEquals(draw.on().contains(SwarmOption.MEMBERSHIP), draw.membership().drawn());
            assertEquals(draw.on().contains(SwarmOption.JOINT_CONSENSUS), draw.joint().drawn());
            if (draw.raft().snapshotEveryEntries() > 0) {
                assertTrue(draw.raft().snapshotEveryEntries() >= SwarmDraw.SNAPSHOT_EVERY_MIN_ENTRIES
                        && draw.raft().snapshotEveryEntries() <= SwarmDraw.SNAPSHOT_EVERY_MAX_ENTRIES, "seed " + seed);
            }
            assertEquals(draw.on().contains(SwarmOption.READ_INDEX), draw.raft().readMode() == io.raftsim.harness.ReadMode.READ_INDEX);
            assertEquals(draw.on().contains(SwarmOption.LEASE_READS), draw.raft().readMode() == io.raftsim.harness.ReadMode.LEASE);
            if (draw.on().contains(SwarmOption.LATE_REPLIES) && !draw.on().contains(SwarmOption.LATE_REQUESTS)) {
                repliesLateRequestsCalm++;
            }
        }
        for (SwarmOption option : SwarmOption.values()) {
            double share = on.getOrDefault(option, 0) / (double) seeds;
            double expected = switch (option) {
                case PRE_VOTE, CHECK_QUORUM, FAST_BACKTRACK -> SwarmDraw.EXTENSION_CHANCE;
                case BATCHING, PIPELINING -> SwarmDraw.FLOW_OPTION_CHANCE;
                case LATE_REPLIES -> SwarmDraw.LATE_REPLIES_CHANCE;
                case SNAPSHOTS -> SwarmDraw.SNAPSHOT_CHANCE;
                case READ_INDEX -> SwarmDraw.READ_MODE_CHANCE;
                case LEASE_READS -> (1 - SwarmDraw.READ_MODE_CHANCE) * SwarmDraw.READ_MODE_CHANCE;
                case TRANSFERS -> SwarmDraw.TRANSFER_CHANCE;
                case MEMBERSHIP -> MembershipDraw.MEMBERSHIP_CHANCE;
                case JOINT_CONSENSUS -> JointDraw.JOINT_CHANCE;
                default -> SwarmDraw.NETWORK_OPTION_CHANCE;
            };
            assertTrue(Math.abs(share - expected) < 0.04, option + " on in " + share + " of seeds, expected about " + expected);
        }
        assertTrue(repliesLateRequestsCalm > seeds / 20, "replies late while requests go on time: " + repliesLateRequestsCalm);
    }

    /** Each draw has its own stream: the fault schedule is the one the seed drew before options were drawn. */
    @Test
    void drawingTheOptionsShiftsNoFault() {
        Scenario faultsOnly = RANDOM.withRandomFaults(RandomFaults.SWARM);
        for (long seed = 1; seed <= 200; seed++) {
            List<TimedFault> before = ScenarioRunner.drawnFaults(faultsOnly, seed).faults();
            FaultSchedule after = ScenarioRunner.drawnFaults(RANDOM, seed);
            List<TimedFault> faults = after.faults();
            if (SwarmDraw.of(RANDOM, seed).networkFault(RANDOM) != null) {
                assertTrue(faults.get(0).action() instanceof FaultAction.SetLinks && faults.get(0).atMicros() == 0, "seed " + seed);
                faults = faults.subList(1, faults.size());
            }
            assertEquals(before.size(), faults.size(), "seed " + seed);
            for (int i = 0; i < before.size(); i++) {
                assertEquals(before.get(i).atMicros(), faults.get(i).atMicros(), "seed " + seed + " fault " + i);
                assertEquals(before.get(i).action().getClass(), faults.get(i).action().getClass(), "seed " + seed + " fault " + i);
            }
        }
    }

    /** A lease beyond its drift bound is known to be unsafe: a swarm never draws one (ReadIndex takes its place). */
    @Test
    void leaseReadsAreNeverDrawnWithADriftBoundBelowTheDrawnDrift() {
        Scenario tightBound = RANDOM.withRaft(RANDOM.raft().withReads(io.raftsim.harness.ReadMode.LOG, 100_000));
        int readIndex = 0;
        for (long seed = 1; seed <= 500; seed++) {
            SwarmDraw draw = SwarmDraw.of(tightBound, seed);
            assertFalse(draw.on().contains(SwarmOption.LEASE_READS), "seed " + seed);
            readIndex += draw.on().contains(SwarmOption.READ_INDEX) ? 1 : 0;
        }
        assertTrue(readIndex > 500 * 0.3, "ReadIndex in place of the lease: " + readIndex);
    }

    /** Drawn transfers are explicit steps of the scenario the seed runs, so a shrunk file keeps them. */
    @Test
    void drawnTransfersAreStepsOfTheDrawnScenario() {
        int withTransfers = 0;
        for (long seed = 1; seed <= 100; seed++) {
            long transfers = SwarmDraw.withDrawnRaftOptions(RANDOM, seed).faults().stream()
                    .filter(step -> step instanceof io.raftsim.scenarios.format.FaultStep.TransferLeadership).count();
            assertEquals(SwarmDraw.of(RANDOM, seed).on().contains(SwarmOption.TRANSFERS), transfers > 0, "seed " + seed);
            assertTrue(transfers <= 4);
            withTransfers += transfers > 0 ? 1 : 0;
        }
        assertTrue(withTransfers > 0);
    }

    @Test
    void aScenarioThatDrawsNothingRunsAsWritten() {
        Scenario faultsOnly = RANDOM.withRandomFaults(RandomFaults.SWARM);
        assertEquals(faultsOnly, SwarmDraw.withDrawnRaftOptions(faultsOnly, 7));
        assertTrue(SwarmDraw.of(faultsOnly, 7).on().isEmpty());
        assertEquals(null, SwarmDraw.of(faultsOnly, 7).networkFault(faultsOnly));
    }

    @Test
    void theSweepSummaryCountsTheOptionsEachSeedDrew() {
        SweepSummary summary = new SweepSummary();
        EnumMap<SwarmOption, Long> expected = new EnumMap<>(SwarmOption.class);
        Scenario shortRandom = RANDOM.withDurationMs(2_000);
        for (long seed = 1; seed <= 12; seed++) {
            summary.add(ScenarioRunner.run(shortRandom, seed));
            SwarmDraw.of(shortRandom, seed).on().forEach(option -> expected.merge(option, 1L, Long::sum));
        }
        assertEquals(new java.util.TreeMap<>(expected), summary.optionsOn());
        assertFalse(summary.optionsOn().isEmpty());
    }
}

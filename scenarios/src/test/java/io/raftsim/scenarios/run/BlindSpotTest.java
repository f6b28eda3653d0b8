package io.raftsim.scenarios.run;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.RandomFaults;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.fault.FaultKind;
import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.TimedFault;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.network.Traffic;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The swarm's blind spot, measured on the draws alone (no run): what fraction of seeds of the
 * {@code random} scenario combine the ingredients of the stale-rejection crash (docs/bugs.md):
 * loss, a message delayed beyond several election timeouts, one-step backtracking without
 * PreVote or CheckQuorum, and faults that change leaders. Before the option and network draws
 * (randomFaults {} alone) no seed ever delays a message past 510 ms or turns CheckQuorum on.
 * Prints the table docs/bugs.md shows; asserts what the text claims.
 */
class BlindSpotTest {
    private static final int SEEDS = 100_000;
    /** "Far beyond an election timeout": two maximum election timeouts of the default 150..300 ms. */
    private static final long LATE_MICROS = 600_000;

    record Ingredients(boolean lossy, boolean late, boolean lateReply, boolean plainRules, boolean checkQuorum, boolean leaderChanges) {
        boolean all() {
            return lossy && late && plainRules && leaderChanges;
        }
    }

    static Ingredients of(Scenario scenario, long seed) {
        SwarmDraw draw = SwarmDraw.of(scenario, seed);
        boolean lossy = false;
        boolean late = false;
        boolean lateReply = false;
        for (TimedFault fault : ScenarioRunner.drawnFaults(scenario, seed).faults()) {
            if (fault.action() instanceof FaultAction.SetLinks links) {
                LinkConfig config = links.config();
                lossy |= config.dropRate() > 0;
                late |= config.tailProbability() > 0 && config.tailMaxMicros() > LATE_MICROS;
                LinkConfig replies = config.forTraffic(Traffic.REPLY);
                lateReply |= replies.tailProbability() > 0 && replies.tailMaxMicros() > LATE_MICROS;
            }
        }
        Set<FaultKind> kinds = FaultProfile.swarm(new RandomStream(seed).derive("faults")).enabled();
        boolean leaderChanges = kinds.contains(FaultKind.CRASH) || kinds.contains(FaultKind.PARTITION) || kinds.contains(FaultKind.ISOLATE);
        boolean plain = !draw.raft().fastBacktrack() && !draw.raft().preVote() && !draw.raft().checkQuorum();
        return new Ingredients(lossy, late, lateReply, plain, draw.raft().checkQuorum(), leaderChanges);
    }

    private static double[] shares(Scenario scenario) {
        double[] counts = new double[6];
        for (long seed = 1; seed <= SEEDS; seed++) {
            Ingredients i = of(scenario, seed);
            counts[0] += i.lossy() ? 1 : 0;
            counts[1] += i.late() ? 1 : 0;
            counts[2] += i.lateReply() ? 1 : 0;
            counts[3] += i.plainRules() ? 1 : 0;
            counts[4] += i.checkQuorum() ? 1 : 0;
            counts[5] += i.all() ? 1 : 0;
        }
        for (int k = 0; k < counts.length; k++) {
            counts[k] /= SEEDS;
        }
        return counts;
    }

    @Test
    void beforeTheDrawsNoSeedDelaysAMessagePastTwoElectionTimeouts() {
        Scenario before = Catalogue.load("random").withRandomFaults(RandomFaults.SWARM);
        Scenario after = Catalogue.load("random");
        double[] old = shares(before);
        double[] now = shares(after);
        System.out.println("| draws | lossy (some time) | a request late > 600 ms | a reply late > 600 ms | one-step backtracking, no PreVote, no CheckQuorum | CheckQuorum on | all of: lossy, late, plain rules, crash/partition/isolate on |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (double[] row : new double[][] {old, now}) {
            System.out.printf(Locale.ROOT, "| %s | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% |%n", row == old ? "before (faults only)" : "now (faults, options, network)",
                    100 * row[0], 100 * row[1], 100 * row[2], 100 * row[3], 100 * row[4], 100 * row[5]);
        }
        assertEquals(0.0, old[1], "no message was ever late past " + LATE_MICROS + " us");
        assertEquals(0.0, old[4], "CheckQuorum was never on");
        assertEquals(1.0, old[3], "always the plain rules");
        assertTrue(now[5] > 0.1, "the corner is visited now: " + now[5]);
    }
}

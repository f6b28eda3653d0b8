package io.raftsim.scenarios.run;

import io.raftsim.harness.spi.Feature;
import io.raftsim.reports.trace.TraceEvent;
import io.raftsim.reports.trace.TraceReader;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.cli.Main;
import io.raftsim.scenarios.format.ImplementationChoice;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Joint consensus (dissertation §4.3) through the runner: the catalogue's joint-consensus passes
 * (CatalogueTest sweeps it) and fails with the planted mistake, its trace shows C_old,new and
 * reads back, and an implementation without joint consensus is refused the step, naming the feature.
 */
class JointConsensusScenarioTest {
    @TempDir
    Path dir;

    @Test
    void theTraceShowsTheJointConfigurationAndReadsItBack() throws Exception {
        Path trace = dir.resolve("joint.jsonl");
        StringWriter out = new StringWriter();
        int exit = Main.execute(new String[] {"run", "joint-consensus", "--seed", "1", "--trace", trace.toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, exit, out.toString());
        String text = Files.readString(trace);
        assertTrue(text.contains("\"voters\":[3,4,5,6,7],\"learners\":[],\"outgoing\":[0,1,2,3,4]"), "a config line of C_old,new");
        assertTrue(text.contains("changeMembership addVoters n6,n7,n8 removeServers n1,n2,n3 asked of leader"), "the leader's answer");
        List<TraceEvent.ConfigurationChange> changes = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(trace)) {
            TraceEvent event;
            while ((event = reader.next()) != null) {
                if (event instanceof TraceEvent.ConfigurationChange change) {
                    changes.add(change);
                }
            }
        }
        assertTrue(changes.stream().anyMatch(c -> c.outgoing().equals(List.of(0, 1, 2, 3, 4)) && c.voters().equals(List.of(3, 4, 5, 6, 7))));
        assertTrue(changes.stream().anyMatch(c -> c.outgoing().isEmpty() && c.voters().equals(List.of(3, 4, 5, 6, 7))), "C_new follows");
    }

    @Test
    void withTheNewMajorityAloneCommittingTheScenarioFails() {
        Scenario joint = Catalogue.load("joint-consensus");
        for (long seed = 1; seed <= 20; seed++) {
            ScenarioResult result = ScenarioRunner.run(joint, seed, io.raftsim.sim.trace.TraceSink.NONE, Set.of("JOINT_COMMIT_BY_NEW_MAJORITY_ONLY"));
            assertEquals(Outcome.SAFETY_VIOLATION, result.outcome(), "seed " + seed + ": " + result);
            assertTrue(List.of("Leader Completeness", "Election Safety").contains(result.property()), "seed " + seed + ": " + result);
        }
    }

    @Test
    void anImplementationWithoutJointConsensusIsRefusedTheStepNamingIt() {
        Scenario joint = ScenarioReader.parse("""
                {"nodes": 3, "faults": [{"atMs": 500, "action": "changeMembership", "removeServers": ["n3"]}]}""", "f.json");
        assertEquals("faults change several servers at once (changeMembership)", Requirements.of(joint).get(Feature.JOINT_CONSENSUS));
        List<String> missing = Requirements.missing(joint.withImplementation(ImplementationChoice.of("microraft", Map.of())));
        assertTrue(missing.stream().anyMatch(why -> why.contains("which needs JOINT_CONSENSUS: microraft does not support it")), missing.toString());
        assertEquals(List.of(), Requirements.missing(joint), "the model has it");
    }
}

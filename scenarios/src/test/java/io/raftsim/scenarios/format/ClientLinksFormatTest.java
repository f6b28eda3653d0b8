package io.raftsim.scenarios.format;

import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.network.LinkOverride;
import io.raftsim.sim.network.Traffic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code network.clients} block and its {@code replies}: read, written back, overridden, refused in one line. */
class ClientLinksFormatTest {
    private static final String UNRELIABLE_CLIENTS = """
            {"network": {"dropRate": 0.1, "replies": {"latencyMs": {"min": 9, "max": 9}},
                         "clients": {"latencyMs": {"min": 20, "max": 30}, "replies": {"dropRate": 0.2, "tailRate": 0.1, "tailMaxMs": 500}}},
             "faults": [
               {"atMs": 1000, "action": "network", "dropRate": 0.3, "clients": {"dropRate": 0.5}},
               {"atMs": 2000, "action": "network", "dropRate": 0},
               {"atMs": 3000, "action": "network", "clients": {}}
             ]}""";

    @Test
    void clientLinksOverrideOnlyTheFieldsTheyNamePerDirection() {
        Scenario scenario = ScenarioReader.parse(UNRELIABLE_CLIENTS, "c.json");
        LinkConfig links = scenario.network().toLinkConfig();
        assertEquals(new LinkOverride(20_000L, 30_000L, null, null, null, null), links.clients());
        assertEquals(new LinkOverride(null, null, 0.1, 500_000L, 0.2, null), links.clientReplies());
        LinkConfig requests = links.forClientTraffic(Traffic.REQUEST);
        assertEquals(20_000, requests.latencyMinMicros());
        assertEquals(0.1, requests.dropRate(), "loss the block leaves alone follows the network");
        LinkConfig replies = links.forClientTraffic(Traffic.REPLY);
        assertEquals(20_000, replies.latencyMinMicros(), "the client block before the network's replies");
        assertEquals(0.2, replies.dropRate());
        assertEquals(0.1, replies.tailProbability());
        assertEquals(9_000, links.forTraffic(Traffic.REPLY).latencyMinMicros(), "server replies keep the network's replies");
        assertEquals(0.1, links.forTraffic(Traffic.REQUEST).dropRate());
    }

    @Test
    void networkStepsReplaceTheClientSettingsOnlyWhenTheyNameThem() {
        Scenario scenario = ScenarioReader.parse(UNRELIABLE_CLIENTS, "c.json");
        FaultStep.Network lossy = assertInstanceOf(FaultStep.Network.class, scenario.faults().get(0));
        NetworkSettings during = lossy.applyTo(scenario.network());
        assertEquals(0.5, during.clients().requests().dropRate());
        assertEquals(NetworkPatch.NONE, during.clients().replies(), "a clients block replaces the whole client setting");
        FaultStep.Network calm = (FaultStep.Network) scenario.faults().get(1);
        assertNull(calm.clients(), "without the block the client settings stay");
        assertEquals(during.clients(), calm.applyTo(during).clients());
        FaultStep.Network plain = (FaultStep.Network) scenario.faults().get(2);
        assertEquals(ClientLinks.NONE, plain.applyTo(during).clients(), "{}: client links go as server links");
    }

    @Test
    void theWriterWritesThemAndReadsBackEqual() {
        Scenario scenario = ScenarioReader.parse(UNRELIABLE_CLIENTS, "c.json");
        String json = ScenarioWriter.toJson(scenario);
        assertEquals(scenario, ScenarioReader.parse(json, "written"));
        assertTrue(json.contains("\"clients\" : { }") || json.contains("\"clients\" : {}"), json);
    }

    @Test
    void aFileWithoutThemReadsAndWritesAsBefore() {
        Scenario scenario = ScenarioReader.parse("{\"network\": {\"dropRate\": 0.1}}", "plain.json");
        assertEquals(ClientLinks.NONE, scenario.network().clients());
        assertTrue(scenario.network().toLinkConfig().clientLinksAsServerLinks());
        assertFalse(ScenarioReader.parseTree(ScenarioWriter.toJson(scenario), "w").get("network").has("clients"),
                "no client block written, so files and scenario hashes stay as they were");
    }

    @Test
    void setReachesTheClientBlockAndItsReplies() {
        var tree = Overrides.apply(ScenarioReader.parseTree("{}", "t"),
                List.of("network.clients.dropRate=0.2", "network.clients.replies.tailRate=0.5", "network.clients.replies.tailMaxMs=1500"));
        Scenario scenario = ScenarioReader.fromTree(tree, "t");
        assertEquals(0.2, scenario.network().clients().requests().dropRate());
        assertEquals(0.5, scenario.network().clients().replies().tailRate());
        assertEquals(1_500_000, scenario.network().toLinkConfig().forClientTraffic(Traffic.REPLY).tailMaxMicros());
        assertEquals(0.0, scenario.network().toLinkConfig().forTraffic(Traffic.REQUEST).dropRate(), "server links untouched");
    }

    @Test
    void badClientLinkSettingsAreOneLineNamingTheField() {
        assertEquals("f.json: network.clients.dropRate: 1.5 is outside [0, 1]", refused("{\"network\": {\"clients\": {\"dropRate\": 1.5}}}"));
        assertEquals("f.json: network.clients.replies.tailMaxMs: 700000 is outside [0, 600000]",
                refused("{\"network\": {\"clients\": {\"replies\": {\"tailMaxMs\": 700000}}}}"));
        assertEquals("f.json: network.clients.fifo: is a setting of the link, not of its client links; set network.fifo",
                refused("{\"network\": {\"clients\": {\"fifo\": true}}}"));
        assertEquals("f.json: network.clients.replies.fifo: is a setting of the link, not of its replies; set network.fifo",
                refused("{\"network\": {\"clients\": {\"replies\": {\"fifo\": true}}}}"));
        assertTrue(refused("{\"network\": {\"clients\": {\"delay\": 3}}}").startsWith("f.json: network.clients.delay"));
        assertEquals("f.json: network.clients: 3 is not an object", refused("{\"network\": {\"clients\": 3}}"));
        assertEquals("f.json: network.clients.latencyMs.max: 1 is outside [2, 60000]",
                refused("{\"network\": {\"clients\": {\"latencyMs\": {\"min\": 2, \"max\": 1}}}}"));
        assertEquals("f.json: faults[0].clients: a network step with from and to changes one link between two servers; change client links in a step for every link",
                refused("{\"nodes\": 3, \"faults\": [{\"atMs\": 0, \"action\": \"network\", \"from\": \"n1\", \"to\": \"n2\", \"clients\": {}}]}"));
        assertEquals("f.json: faults[0].clients.dropRate: -1 is outside [0, 1]",
                refused("{\"faults\": [{\"atMs\": 0, \"action\": \"network\", \"clients\": {\"dropRate\": -1}}]}"));
    }

    private static String refused(String json) {
        return assertThrows(ScenarioException.class, () -> ScenarioReader.parse(json, "f.json")).getMessage();
    }
}

package io.raftsim.scenarios.format;

import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.network.LinkOverride;
import io.raftsim.sim.network.Traffic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code network.replies} block and the {@code randomFaults} draw switches: read, written, overridden, refused. */
class ReplySettingsTest {
    private static final String LATE_REPLIES = """
            {"network": {"dropRate": 0.1, "replies": {"tailRate": 0.66, "tailMaxMs": 2200, "latencyMs": {"min": 200}}},
             "randomFaults": {"drawNetwork": true, "drawRaftOptions": true}}""";

    @Test
    void repliesOverrideOnlyTheFieldsTheyName() {
        Scenario scenario = ScenarioReader.parse(LATE_REPLIES, "late.json");
        LinkConfig links = scenario.network().toLinkConfig();
        assertEquals(new LinkOverride(200_000L, null, 0.66, 2_200_000L, null, null), links.replies());
        LinkConfig replies = links.forTraffic(Traffic.REPLY);
        assertEquals(200_000, replies.latencyMinMicros());
        assertEquals(200_000, replies.latencyMaxMicros(), "an emptied range widens upward, as network patches do");
        assertEquals(0.1, replies.dropRate(), "loss follows the link");
        assertEquals(0.0, links.forTraffic(Traffic.REQUEST).tailProbability());
        assertTrue(scenario.randomFaults().drawNetwork() && scenario.randomFaults().drawRaftOptions());
    }

    @Test
    void theWriterWritesThemAndReadsBackEqual() {
        Scenario scenario = ScenarioReader.parse(LATE_REPLIES, "late.json");
        String json = ScenarioWriter.toJson(scenario);
        assertEquals(scenario, ScenarioReader.parse(json, "written"));
        assertTrue(json.contains("\"replies\""), json);
        assertTrue(json.contains("\"drawNetwork\" : true") || json.contains("\"drawNetwork\":true"), json);
    }

    @Test
    void aFileWithoutThemReadsAsBefore() {
        Scenario scenario = ScenarioReader.parse("{\"randomFaults\": {}}", "plain.json");
        assertEquals(NetworkPatch.NONE, scenario.network().replies());
        assertEquals(RandomFaults.SWARM, scenario.randomFaults());
        assertTrue(!ScenarioWriter.toJson(scenario).contains("replies"));
    }

    @Test
    void setReachesTheRepliesBlock() {
        var tree = Overrides.apply(ScenarioReader.parseTree("{}", "t"), List.of("network.replies.tailRate=0.5", "network.replies.tailMaxMs=1500"));
        Scenario scenario = ScenarioReader.fromTree(tree, "t");
        assertEquals(0.5, scenario.network().replies().tailRate());
        assertEquals(1_500_000, scenario.network().toLinkConfig().forTraffic(Traffic.REPLY).tailMaxMicros());
    }

    @Test
    void badValuesAreOneLineNamingTheField() {
        assertEquals("f.json: network.replies.dropRate: 1.5 is outside [0, 1]", assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"network\": {\"replies\": {\"dropRate\": 1.5}}}", "f.json")).getMessage());
        assertEquals("f.json: network.replies.fifo: is a setting of the link, not of its replies; set network.fifo",
                assertThrows(ScenarioException.class,
                        () -> ScenarioReader.parse("{\"network\": {\"replies\": {\"fifo\": true}}}", "f.json")).getMessage());
        assertTrue(assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"network\": {\"replies\": {\"delay\": 3}}}", "f.json")).getMessage()
                .startsWith("f.json: network.replies.delay"));
        assertEquals("f.json: randomFaults.drawNetwork: \"yes\" is not true or false", assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"randomFaults\": {\"drawNetwork\": \"yes\"}}", "f.json")).getMessage());
    }
}

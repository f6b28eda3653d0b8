package io.raftsim.scenarios.format;

import io.raftsim.harness.spi.Feature;
import io.raftsim.scenarios.run.Requirements;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** raft.snapshotEveryEntries: read, bounded, written back only when on, and a requirement of the implementation. */
class SnapshotSettingFormatTest {
    @Test
    void theSettingIsReadAndReachesTheConfig() {
        Scenario scenario = ScenarioReader.parse("{\"nodes\": 3, \"raft\": {\"snapshotEveryEntries\": 10}}", "s.json");
        assertEquals(10, scenario.raft().snapshotEveryEntries());
        assertEquals(10, scenario.raft().toConfig(3).snapshotEveryEntries());
        assertTrue(ScenarioWriter.toJson(scenario).contains("\"snapshotEveryEntries\" : 10"));
        assertEquals(scenario, ScenarioReader.parse(ScenarioWriter.toJson(scenario), "again.json"));
    }

    @Test
    void offByDefaultAndNotWrittenSoOldScenarioHashesStay() {
        Scenario scenario = ScenarioReader.parse("{\"nodes\": 3}", "s.json");
        assertEquals(0, scenario.raft().snapshotEveryEntries());
        assertFalse(ScenarioWriter.toJson(scenario).contains("snapshotEveryEntries"));
    }

    @Test
    void aNegativeIntervalIsRefusedInOneLine() {
        ScenarioException error = assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"raft\": {\"snapshotEveryEntries\": -3}}", "s.json"));
        assertEquals("s.json: raft.snapshotEveryEntries: -3 is outside 0..1000000", error.getMessage());
    }

    @Test
    void snapshotsOnRequireTheFeature() {
        Scenario scenario = ScenarioReader.parse("{\"raft\": {\"snapshotEveryEntries\": 10}}", "s.json");
        assertEquals(java.util.Set.of(Feature.SNAPSHOTS), Requirements.of(scenario).keySet());
        assertEquals(List.of(), Requirements.missing(scenario), "the model supports snapshots");
    }
}

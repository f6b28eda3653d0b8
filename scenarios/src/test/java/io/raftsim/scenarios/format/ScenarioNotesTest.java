package io.raftsim.scenarios.format;

import io.raftsim.reports.narration.NoteTrigger;
import io.raftsim.reports.narration.ScenarioNote;
import io.raftsim.scenarios.catalogue.Catalogue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional {@code notes} field: what it accepts, what it rejects in one line, and what survives writing and shrinking. */
class ScenarioNotesTest {
    private static final String TWO_NOTES = """
            {"durationMs": 3000, "notes": [
              {"atMs": 150, "text": "the timers run"},
              {"on": "leader", "nth": 2, "text": "{node} wins term {term}"}]}""";

    @Test
    void notesAreTiedToATimeOrToTheNthTimeAMomentHappens() {
        Scenario scenario = ScenarioReader.parse(TWO_NOTES, "n.json");
        assertEquals(List.of(new ScenarioNote.AtTime(150, "the timers run"), new ScenarioNote.OnEvent(NoteTrigger.LEADER, 2, "{node} wins term {term}")),
                scenario.notes());
    }

    @Test
    void notesAreWrittenAndReadBackEqualAndAbsentWhenThereAreNone() {
        Scenario scenario = ScenarioReader.parse(TWO_NOTES, "n.json");
        assertEquals(scenario, ScenarioReader.parse(ScenarioWriter.toJson(scenario), "written"));
        assertFalse(ScenarioWriter.toJson(ScenarioReader.parse("{}", "empty")).contains("notes"), "a scenario without notes is written as before");
    }

    @Test
    void everyNarratedSceneOfTheCatalogueHasNotes() {
        for (String scene : List.of("election-basic", "leader-crash", "split-vote", "log-replication", "partition-healing")) {
            assertTrue(Catalogue.load(scene).notes().size() >= 5, scene);
        }
    }

    @Test
    void anUnknownMomentIsOneLineNamingTheFieldAndTheChoices() {
        ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(
                "{\"notes\": [{\"on\": \"elected\", \"text\": \"x\"}]}", "n.json"));
        assertTrue(error.getMessage().startsWith("n.json: notes[0].on: \"elected\" is not a moment a note can name (candidate, "), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    @Test
    void aNoteNeedsTextAndExactlyOneOfTimeOrMoment() {
        assertEquals("n.json: notes[0].on: a note has \"atMs\" or \"on\", not both", assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"notes\": [{\"atMs\": 5, \"on\": \"leader\", \"text\": \"x\"}]}", "n.json")).getMessage());
        assertEquals("n.json: notes[0].atMs: is missing: a note needs \"atMs\" (a time) or \"on\" (a moment of the run)", assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"notes\": [{\"text\": \"x\"}]}", "n.json")).getMessage());
        assertEquals("n.json: notes[0].text: is missing: a note needs a text", assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"notes\": [{\"atMs\": 5}]}", "n.json")).getMessage());
        assertEquals("n.json: notes[0].nth: only a note with \"on\" counts occurrences", assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"notes\": [{\"atMs\": 5, \"nth\": 2, \"text\": \"x\"}]}", "n.json")).getMessage());
        assertEquals("n.json: notes[0].atMs: 9000 is outside 0..1000", assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"durationMs\": 1000, \"notes\": [{\"atMs\": 9000, \"text\": \"x\"}]}", "n.json")).getMessage());
        assertEquals("n.json: notes[0].colour: unknown field", assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"notes\": [{\"atMs\": 5, \"text\": \"x\", \"colour\": 1}]}", "n.json")).getMessage());
    }

    @Test
    void aShorterRunDropsOnlyTheTimedNotesPastItsEnd() {
        Scenario scenario = ScenarioReader.parse(TWO_NOTES, "n.json").withDurationMs(100);
        assertEquals(List.of(new ScenarioNote.OnEvent(NoteTrigger.LEADER, 2, "{node} wins term {term}")), scenario.notes());
        assertEquals(2, ScenarioReader.parse(TWO_NOTES, "n.json").withNodes(3).withDurationMs(150).notes().size());
    }
}

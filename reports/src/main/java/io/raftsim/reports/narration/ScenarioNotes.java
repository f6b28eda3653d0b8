package io.raftsim.reports.narration;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code notes} of the scenario a trace's header carries. The scenario reader has
 * already checked them strictly when the run started; here a note that does not parse (a
 * hand-edited trace) is skipped, and so is never shown.
 */
final class ScenarioNotes {
    private ScenarioNotes() {
    }

    static List<ScenarioNote> read(JsonNode scenario) {
        List<ScenarioNote> notes = new ArrayList<>();
        JsonNode array = scenario == null ? null : scenario.get("notes");
        if (array == null || !array.isArray()) {
            return notes;
        }
        for (JsonNode note : array) {
            JsonNode text = note.get("text");
            if (text == null || !text.isString()) {
                continue;
            }
            JsonNode on = note.get("on");
            JsonNode atMs = note.get("atMs");
            if (on != null && on.isString()) {
                JsonNode nth = note.get("nth");
                int occurrence = nth != null && nth.canConvertToInt() ? nth.intValue() : 1;
                NoteTrigger.fromJsonName(on.stringValue()).ifPresent(trigger -> notes.add(new ScenarioNote.OnEvent(trigger, occurrence, text.stringValue())));
            } else if (atMs != null && atMs.canConvertToLong()) {
                notes.add(new ScenarioNote.AtTime(atMs.longValue(), text.stringValue()));
            }
        }
        return notes;
    }
}

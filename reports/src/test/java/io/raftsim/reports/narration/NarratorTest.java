package io.raftsim.reports.narration;

import io.raftsim.harness.event.RaftEvent;
import io.raftsim.reports.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The story a run tells: scenario notes at their moment, generated notes for elections, split votes and rollbacks. */
class NarratorTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Narrator narrator(String scenarioJson) {
        JsonNode scenario = JSON.readTree(scenarioJson);
        return new Narrator(4, scenario, (index, term) -> index == 2 && term == 2 ? "c4#1 put(x,5)" : null);
    }

    /** Two candidates split term 1 two votes each; n1 wins term 2 with three; n3 rolls back, then commits x=5. */
    private static void splitVoteThenRollback(Narrator narrator) {
        narrator.add(new TraceEvent.RoleChange(10, 150_000, 0, "FOLLOWER", "CANDIDATE", 1));
        narrator.add(new TraceEvent.RoleChange(11, 150_000, 1, "FOLLOWER", "CANDIDATE", 1));
        narrator.add(new TraceEvent.VoteGranted(12, 151_000, 2, 0, 1, false));
        narrator.add(new TraceEvent.VoteGranted(13, 151_000, 3, 1, 1, false));
        narrator.add(new TraceEvent.VoteRefused(14, 151_500, 0, 1, 1, false, RaftEvent.VoteRefused.Reason.ALREADY_VOTED));
        narrator.add(new TraceEvent.RoleChange(20, 340_000, 0, "CANDIDATE", "CANDIDATE", 2));
        narrator.add(new TraceEvent.VoteGranted(21, 341_000, 2, 0, 2, false));
        narrator.add(new TraceEvent.VoteGranted(22, 341_000, 3, 0, 2, false));
        narrator.add(new TraceEvent.RoleChange(23, 342_000, 0, "CANDIDATE", "LEADER", 2));
        narrator.add(new TraceEvent.LogAppend(30, 400_000, 2, 1, 3, List.of(1L, 1L, 1L)));
        narrator.add(new TraceEvent.LogTruncate(31, 401_000, 2, 2, 3));
        narrator.add(new TraceEvent.LogAppend(32, 401_000, 2, 2, 2, List.of(2L)));
        narrator.add(new TraceEvent.CommitAdvance(33, 402_000, 2, 0, 2));
    }

    @Test
    void everyRunGetsGeneratedNotesForElectionsSplitVotesAndRollbacks() {
        Narrator narrator = narrator("{}");
        splitVoteThenRollback(narrator);
        List<String> texts = narrator.notes().stream().map(Narration::text).toList();
        assertTrue(texts.contains("Split vote in term 1: the votes went n1 2, n2 2; a majority is 3, so nobody won. "
                + "Randomized timeouts make the next try unlikely to split again (§5.2)."), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("n1 wins term 2 with 3 of 4 votes (a majority is 3).")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("n3 rolls back 2 entries (index 2..3)")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("n3 commits entry 2 (set x=5, term 2)")), texts.toString());
        assertTrue(narrator.notes().stream().allMatch(n -> n.source() == Narration.Source.GENERATED));
    }

    @Test
    void scenarioNotesLandOnTheirMomentWithTheirPartiesNamedAndReplaceTheGeneratedOne() {
        Narrator narrator = narrator("""
                {"notes": [
                  {"on": "refuse", "text": "{node} refuses {peer}: {reason}"},
                  {"on": "splitVote", "text": "term {term} split"},
                  {"on": "leader", "text": "{node} leads term {term} with {count} votes"},
                  {"on": "commit", "text": "{node} commits {command} at {index}"},
                  {"atMs": 300, "text": "a timed note"},
                  {"on": "crash", "text": "never happens"}]}""");
        splitVoteThenRollback(narrator);
        List<Narration> scene = narrator.notes().stream().filter(n -> n.source() == Narration.Source.SCENARIO).toList();
        assertEquals(List.of(
                new Narration(14, 151_500, Narration.Source.SCENARIO, "n1 refuses n2: it already voted for another candidate in this term"),
                new Narration(20, 340_000, Narration.Source.SCENARIO, "a timed note"),
                new Narration(20, 340_000, Narration.Source.SCENARIO, "term 1 split"),
                new Narration(23, 342_000, Narration.Source.SCENARIO, "n1 leads term 2 with 3 votes"),
                new Narration(33, 402_000, Narration.Source.SCENARIO, "n3 commits set x=5 at 2")), scene);
        assertTrue(narrator.notes().stream().noneMatch(n -> n.step() == 23 && n.source() == Narration.Source.GENERATED),
                "the author's note replaces the generated one for the same moment");
        assertEquals(List.of(new ScenarioNote.OnEvent(NoteTrigger.CRASH, 1, "never happens")), narrator.unmet());
    }

    @Test
    void aServerCutOffThatCampaignsAgainAndAgainIsToldShortly() {
        Narrator narrator = narrator("{}");
        narrator.add(new TraceEvent.RoleChange(10, 150_000, 3, "FOLLOWER", "CANDIDATE", 3));
        narrator.add(new TraceEvent.RoleChange(20, 400_000, 3, "CANDIDATE", "CANDIDATE", 4));
        assertEquals(List.of("n4's election timer fired: it becomes a candidate for term 3, votes for itself and asks the others for their votes (§5.2).",
                        "n4's election timer fired again: no other server voted for it in term 3, so it tries term 4."),
                narrator.notes().stream().map(Narration::text).toList());
    }

    @Test
    void commandsReadAsTheExplainersWriteThem() {
        assertEquals("set x=5", CommandText.readable("put(x,5)"));
        assertEquals("get x", CommandText.readable("get(x)"));
        assertEquals("append c5.1; to k2", CommandText.readable("append(k2,c5.1;)"));
        assertEquals("cas k0: null→c6.2", CommandText.readable("cas(k0,null,c6.2)"));
        assertEquals("noop", CommandText.readable("noop"));
    }
}

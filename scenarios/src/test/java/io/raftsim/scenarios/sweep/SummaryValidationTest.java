package io.raftsim.scenarios.sweep;

import io.raftsim.scenarios.cli.Main;
import io.raftsim.scenarios.format.ScenarioException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A merge adds up only summaries that are consistent in themselves (issue 12, item 11). */
class SummaryValidationTest {
    private static String valid;

    @BeforeAll
    static void sweepOneShard() {
        StringWriter out = new StringWriter();
        int code = Main.execute(new String[] {"sweep", "election-basic", "--seeds", "1..6", "--shard", "1/2", "--json", "--threads", "1"},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, code);
        valid = out.toString().strip();
    }

    private static String refused(String json) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> SweepJson.parse(json, "s.json", header -> { }));
        assertTrue(e.getMessage().startsWith("s.json: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void theValidShardReadsBack() {
        SweepSummary summary = SweepJson.parse(valid, "s.json", header -> assertEquals("1..6 shard 1/2", header.seeds()));
        assertEquals(3, summary.runs());
    }

    @Test
    void countsThatWouldOverflowAreRefused() {
        String message = refused(valid.replaceFirst("\"runs\":3", "\"runs\":9223372036854775000"));
        assertTrue(message.startsWith("s.json: runs: 9223372036854775000 is not the 3 seeds of 1..6 shard 1/2"), message);
        assertTrue(refused(valid.replaceFirst("\"runs\":3", "\"runs\":9223372036854775808")).contains("runs: "));
        assertTrue(refused(valid.replaceFirst("\"steps\":[0-9]+", "\"steps\":-5")).startsWith("s.json: steps: -5 is not a count"));
        String outcomes = refused(valid.replaceFirst("\"PASSED\":3", "\"PASSED\":9223372036854775807")
                .replaceFirst("\"SAFETY_VIOLATION\":0", "\"SAFETY_VIOLATION\":9223372036854775807"));
        assertTrue(outcomes.startsWith("s.json: outcomes: "), outcomes);
    }

    @Test
    void aShardBeyondItsCountIsRefused() {
        String message = refused(valid.replace("1..6 shard 1/2", "1..6 shard 3/2"));
        assertTrue(message.startsWith("s.json: seeds: '3/2' is not a shard K/N"), message);
    }

    @Test
    void aFailureListedAlongsideAllPassedCountsIsRefused() {
        String listed = valid.replace("\"failures\":[]",
                "\"failures\":[{\"seed\":3,\"outcome\":\"SAFETY_VIOLATION\",\"property\":\"x\",\"message\":\"y\",\"replay\":\"z\"}]");
        assertTrue(refused(listed).startsWith("s.json: failures: lists 1 failed seeds, but the outcomes count 0 runs that did not pass"), refused(listed));
        String counted = listed.replaceFirst("\"PASSED\":3", "\"PASSED\":2").replaceFirst("\"LIVENESS_FAILURE\":0", "\"LIVENESS_FAILURE\":1")
                .replaceFirst("\"passed\":3", "\"passed\":2").replaceFirst("\"failed\":0", "\"failed\":1");
        assertTrue(refused(counted).startsWith("s.json: failures[0].outcome: SAFETY_VIOLATION is listed 1 times, but outcomes.SAFETY_VIOLATION counts 0"),
                refused(counted));
        String otherShard = counted.replace("\"SAFETY_VIOLATION\",", "\"LIVENESS_FAILURE\",").replace("\"seed\":3", "\"seed\":2");
        assertTrue(refused(otherShard).startsWith("s.json: failures[0].seed: 2 is not a seed of 1..6 shard 1/2"), refused(otherShard));
    }

    @Test
    void inconsistentTotalsAndHistogramsAreRefused() {
        assertTrue(refused(valid.replaceFirst("\"passed\":3", "\"passed\":2")).startsWith("s.json: passed: 2 does not match"));
        assertTrue(refused(valid.replaceFirst("\"electionsPerRun\":\\{\"([0-9]+)\":3", "\"electionsPerRun\":{\"$1\":2"))
                .startsWith("s.json: electionsPerRun: the counts add up to 2"));
        assertTrue(refused(valid.replaceFirst("\"runs\":3", "\"runs\":3,\"runs\":3")).contains("malformed JSON"));
        assertTrue(refused(valid.replaceFirst("\"scenarioHash\":\"[0-9a-f]+\",", "")).startsWith("s.json: scenarioHash: missing"));
    }
}

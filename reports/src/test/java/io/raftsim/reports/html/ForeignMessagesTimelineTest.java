package io.raftsim.reports.html;

import io.raftsim.reports.TraceFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another implementation names its messages its own way (MicroRaft's VoteRequest, say); the
 * timeline draws them by the trace's {@code raft} field, so its votes and heartbeats get the
 * lanes and colours of the model's, with the implementation's own name in the label.
 */
class ForeignMessagesTimelineTest {
    @Test
    void messagesOfAnotherImplementationAreDrawnByWhatTheyAreInRaft(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("model.jsonl");
        TraceFixtures.writeTrace(trace, 3, "election");
        String model = Files.readString(trace);
        assertTrue(model.contains("\"kind\":\"RequestVote\",\"raft\":\"VOTE_REQUEST\""), "every message says what it is in Raft's terms");
        Path foreign = dir.resolve("foreign.jsonl");
        Files.writeString(foreign, model.replace("\"kind\":\"RequestVote\",\"raft\":\"VOTE_REQUEST\"", "\"kind\":\"VoteRequest\",\"raft\":\"VOTE_REQUEST\""));

        Path modelHtml = dir.resolve("model.html");
        Path foreignHtml = dir.resolve("foreign.html");
        HtmlTimeline.render(trace, modelHtml);
        HtmlTimeline.render(foreign, foreignHtml);
        String modelPage = Files.readString(modelHtml);
        String foreignPage = Files.readString(foreignHtml);
        assertTrue(foreignPage.contains("VoteRequest t1"), "the label keeps the implementation's own name");
        assertEquals(count(modelPage, "\"RequestVote\""), count(foreignPage, "\"RequestVote\""), "drawn as the same kind of arrow");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}

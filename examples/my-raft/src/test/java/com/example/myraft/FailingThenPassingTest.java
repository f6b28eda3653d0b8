package com.example.myraft;

import io.raftsim.scenarios.Simulation;
import io.raftsim.scenarios.cli.Main;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.run.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guide's story (docs/test-your-raft.md, "Read a failure"): with the classic mistake
 * planted, a run fails with the property it breaks and prints the command that replays it;
 * shrink writes a smaller scenario that still fails; without the mistake the same seed and the
 * shrunk scenario pass.
 */
class FailingThenPassingTest {
    private static final String BUG = MyRaft.VOTE_WITHOUT_LOG_CHECK.name();
    /** The first seed of random at which conform catches the mistake (its table says so). */
    private static final String SEED = "1";

    private record Cli(int exit, String out) {
    }

    private static Cli raftsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.println("$ raftsim " + String.join(" ", args) + "\n" + out + err);
        return new Cli(exit, out + err.toString());
    }

    @Test
    void thePlantedMistakeIsCaughtFromJavaToo() {
        ScenarioResult result = Simulation.of("random").implementation("my-raft").plant(BUG).seed(1).run();
        assertTrue(MyRaft.VOTE_WITHOUT_LOG_CHECK.caughtAs(result.property()), result::toString);
        assertTrue(Simulation.of("random").implementation("my-raft").seed(1).run().passed(), "the same seed without it");
    }

    @Test
    void theMistakeFailsWithItsPropertyShrinksAndTheFixedCodePasses(@TempDir Path dir) throws Exception {
        Cli failing = raftsim("run", "random", "--set", "implementation=my-raft", "--seed", SEED, "--bug", BUG);
        assertNotEquals(0, failing.exit(), failing.out());
        assertTrue(failing.out().contains("Leader Completeness"), failing.out());
        assertTrue(failing.out().contains("replay: ./raftsim run random --seed 1 --set implementation=my-raft --bug " + BUG), failing.out());

        Path shrunkFile = dir.resolve("shrunk.json");
        Cli shrink = raftsim("shrink", "random", "--set", "implementation=my-raft", "--seed", SEED, "--bug", BUG,
                "--out", shrunkFile.toString(), "--max-runs", "150");
        assertNotEquals(0, shrink.exit(), shrink.out());
        assertTrue(shrink.out().contains("shrunk        1 fault steps, 3 nodes, 0 clients, 9622 ms"), "as the guide says:\n" + shrink.out());
        assertTrue(shrink.out().contains("fails with    SAFETY_VIOLATION [Leader Completeness]"), shrink.out());
        Scenario original = Simulation.of("random").scenario();
        Scenario shrunk = Simulation.of(shrunkFile).scenario();
        assertEquals("my-raft", shrunk.implementation().name(), "the shrunk file keeps the implementation");
        assertTrue(shrunk.nodes() < original.nodes() || shrunk.durationMs() < original.durationMs()
                || shrunk.clients().count() < original.clients().count(), Files.readString(shrunkFile));

        Path page = dir.resolve("fail.html");
        Cli stillFails = raftsim("run", shrunkFile.toString(), "--bug", BUG, "--html", page.toString());
        assertNotEquals(0, stillFails.exit(), stillFails.out());
        assertTrue(stillFails.out().contains("[Leader Completeness]"), stillFails.out());
        assertTrue(Files.readString(page).contains("RequestVoteReply"), "the timeline shows my-raft's messages by the codec's view");

        assertEquals(0, raftsim("run", "random", "--set", "implementation=my-raft", "--seed", SEED).exit(), "the same seed without the mistake");
        assertEquals(0, raftsim("run", shrunkFile.toString()).exit(), "the shrunk scenario without the mistake");
        // Last: in a copy of the example outside raftsim's repository there is no guide, and this skips.
        assertTrue(failing.out().contains(Guide.output("result        SAFETY_VIOLATION")), "the guide quotes the verdict:\n" + failing.out());
    }
}

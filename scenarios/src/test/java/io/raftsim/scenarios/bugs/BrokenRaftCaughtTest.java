package io.raftsim.scenarios.bugs;

import io.raftsim.scenarios.cli.Main;
import io.raftsim.scenarios.format.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole loop a tester goes through, on the command line: a Raft with a planted bug (a
 * node that votes twice in a term) is caught by a sweep, the printed command replays the
 * failure, and the shrunk scenario file is small and still fails.
 */
class BrokenRaftCaughtTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int raftsim(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aSweepCatchesItThePrintedCommandReplaysItAndTheShrunkFileIsSmall() throws Exception {
        Path shrunk = directory.resolve("shrunk.json");
        assertEquals(1, raftsim("sweep", "random", "--seeds", "1..40", "--bug", "DOUBLE_VOTE", "--shrink-out", shrunk.toString()));
        Matcher replay = Pattern.compile("FAILED seed (\\d+): SAFETY_VIOLATION \\[Single Vote\\].*\\n  replay: (\\./raftsim run random --seed \\1 --bug DOUBLE_VOTE)")
                .matcher(out.toString());
        assertTrue(replay.find(), out.toString());

        String[] command = replay.group(2).substring("./raftsim ".length()).split(" ");
        assertEquals(1, raftsim(command));
        assertTrue(out.toString().contains("SAFETY_VIOLATION [Single Vote]"), out.toString());

        var small = ScenarioReader.read(shrunk);
        assertTrue(small.faults().size() <= 5, "a handful of faults at most: " + small.faults());
        assertTrue(small.randomFaults() == null, "the schedule is explicit");
        assertEquals(1, raftsim("run", shrunk.toString(), "--bug", "DOUBLE_VOTE"), out.toString());
        assertTrue(out.toString().contains("[Single Vote]"), out.toString());
        assertEquals(0, raftsim("run", shrunk.toString()), "without the bug the shrunk scenario passes: " + out);
        assertTrue(Files.readString(shrunk).contains("\"seed\""));
    }
}

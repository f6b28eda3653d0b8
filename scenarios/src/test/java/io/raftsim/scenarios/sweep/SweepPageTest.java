package io.raftsim.scenarios.sweep;

import io.raftsim.scenarios.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep page a person opens after a failed sweep: titled axes, and from each failed seed to its timeline and its shrunk scenario. */
class SweepPageTest {
    private static final String NO_ELECTION = "expect=[{\"electionsAtMost\": 0}]";

    @TempDir
    Path dir;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(4, code, "an expect condition missed on every seed: " + out + err);
        return out.toString();
    }

    @Test
    void failedSeedsLinkToTheirTimelineCommandAndShrunkScenarioUnderTitledAxes() throws Exception {
        Path page = dir.resolve("pages").resolve("sweep.html");
        Path shrunk = dir.resolve("shrunk.json");
        run("sweep", "election-basic", "--seeds", "1..3", "--set", NO_ELECTION, "--shrink-tries", "1",
                "--html", page.toString(), "--shrink-out", shrunk.toString());
        String html = Files.readString(page);
        assertTrue(html.contains(">runs</text>") && html.contains("leaders elected in a run →") && html.contains("highest term reached in a run →"), "axis titles");
        assertTrue(html.contains("./raftsim run election-basic --seed 2 --set ") && html.contains(" --html seed-2.html</code>"), "timeline command of seed 2");
        assertTrue(Files.exists(shrunk));
        assertTrue(html.contains("<a href=\"../shrunk.json\">../shrunk.json</a>"), "the shrunk seed links its file, relative to the page");
        assertTrue(html.contains("<code>./raftsim shrink election-basic --seed 3 --set "), "a seed not shrunk shows the command that shrinks it");
    }

    @Test
    void mergeWritesThePageOfTheWholeRange() throws Exception {
        Path first = dir.resolve("1.json");
        Path second = dir.resolve("2.json");
        Files.writeString(first, run("sweep", "election-basic", "--seeds", "1..4", "--shard", "1/2", "--json", "--no-shrink", "--set", NO_ELECTION));
        Files.writeString(second, run("sweep", "election-basic", "--seeds", "1..4", "--shard", "2/2", "--json", "--no-shrink", "--set", NO_ELECTION));
        Path page = dir.resolve("merged.html");
        run("merge", first.toString(), second.toString(), "--html", page.toString());
        String html = Files.readString(page);
        assertTrue(html.contains("<h1>raftsim sweep: election-basic, seeds 1..4</h1>"), html.substring(0, Math.min(600, html.length())));
        assertTrue(html.contains("4 runs,"), "every shard's runs");
        for (int seed = 1; seed <= 4; seed++) {
            assertTrue(html.contains(" --html seed-" + seed + ".html</code>"), "seed " + seed);
        }
    }
}

package io.raftsim.scenarios.sweep;

import io.raftsim.scenarios.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep's summary depends only on the scenario and the seeds: not on threads, not on sharding. */
class SweepTest {
    @TempDir
    Path directory;

    private String sweep(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void theSummaryIsTheSameOnOneThreadAndOnTwo() {
        String one = sweep("sweep", "random", "--seeds", "1..60", "--set", "durationMs=4000", "--threads", "1", "--json");
        String two = sweep("sweep", "random", "--seeds", "1..60", "--set", "durationMs=4000", "--threads", "2", "--json");
        assertEquals(one, two);
        assertTrue(one.contains("\"runs\":60"), one);
    }

    @Test
    void aMergeOfShardSummariesEqualsTheUnshardedSummary() throws IOException {
        String whole = sweep("sweep", "random", "--seeds", "5..54", "--set", "durationMs=3000", "--json");
        Path[] shards = new Path[3];
        for (int k = 1; k <= 3; k++) {
            shards[k - 1] = directory.resolve("shard" + k + ".json");
            Files.writeString(shards[k - 1], sweep("sweep", "random", "--seeds", "5..54", "--set", "durationMs=3000", "--shard", k + "/3", "--json"));
        }
        String merged = sweep("merge", shards[2].toString(), shards[0].toString(), shards[1].toString());
        assertEquals(whole, merged);
        // The efficiency histograms travel through the shard files too (so they are not trivially empty here).
        assertTrue(whole.matches("(?s).*\"electionsPerLeaderChange\":\\{\"\\d+\":\\d+.*"), whole);

        // A merge must cover the range exactly once: a shard twice, or one missing, is refused.
        StringWriter err = new StringWriter();
        assertEquals(2, Main.execute(new String[] {"merge", shards[0].toString(), shards[0].toString(), shards[1].toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("shard 1/3 is also in"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, Main.execute(new String[] {"merge", shards[0].toString(), shards[2].toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("shards [2] of 3 are missing"), err.toString());
    }

    @Test
    void theHtmlSummaryListsFailedSeedsWithTheirReplayCommands() throws IOException {
        Path page = directory.resolve("sweep.html");
        StringWriter out = new StringWriter();
        int code = Main.execute(new String[] {"sweep", "random", "--seeds", "1..6", "--set", "name=<b>x</b>", "--bug", "DOUBLE_VOTE",
                "--no-shrink", "--html", page.toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(1, code, out.toString());
        String html = Files.readString(page);
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;") && !html.contains("<b>x</b>"), "the scenario name is escaped");
        assertTrue(html.contains("./raftsim run random --seed 1 --set name=&lt;b&gt;x&lt;/b&gt; --bug DOUBLE_VOTE")
                || html.contains("--seed 1 --set &#39;name=&lt;b&gt;x&lt;/b&gt;&#39; --bug DOUBLE_VOTE"), html);
        assertTrue(html.contains("SAFETY_VIOLATION"));
    }

    @Test
    void shardsCoverTheRangeExactlyOnce() {
        long covered = 0;
        for (int k = 1; k <= 4; k++) {
            SeedRange shard = new SeedRange(10, 20, k, 4);
            for (long i = 0; i < shard.size(); i++) {
                long seed = shard.seed(i);
                assertTrue(seed >= 10 && seed <= 20 && (seed - 10) % 4 == k - 1, "seed " + seed + " in shard " + k);
                covered++;
            }
        }
        assertEquals(11, covered);
    }
}

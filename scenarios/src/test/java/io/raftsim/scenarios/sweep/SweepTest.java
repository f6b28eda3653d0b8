package io.raftsim.scenarios.sweep;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.cli.Main;
import io.raftsim.scenarios.format.ScenarioHash;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.scenarios.run.UndecidedRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    void anUndecidedRunIsItsOwnClassInEverySummaryAndSurvivesAMerge() throws IOException {
        SweepSummary summary = new SweepSummary();
        summary.add(ScenarioRunner.run(Catalogue.load("log-replication"), 1));
        summary.add(UndecidedRuns.undecided("log-replication", 2));
        assertEquals(1, summary.passed());
        assertEquals(0, summary.failed());
        assertEquals(1, summary.undecided());
        assertEquals(List.of(2L), summary.failures().stream().map(SweepSummary.Failure::seed).toList(), "listed with the failures, for its replay command");

        SweepJson.Header header = new SweepJson.Header("log-replication", "1..2", "./raftsim run log-replication --seed {seed}",
                ScenarioHash.of(Catalogue.load("log-replication")));
        String json = SweepJson.write(header, summary).toString();
        assertTrue(json.contains("\"passed\":1,\"failed\":0,\"undecided\":1"), json);
        assertTrue(json.contains("\"UNDECIDED\":1"), json);
        assertTrue(json.contains("\"replay\":\"./raftsim run log-replication --seed 2\""), json);

        Path file = directory.resolve("undecided.json");
        Files.writeString(file, json);
        StringWriter out = new StringWriter();
        int code = Main.execute(new String[] {"merge", file.toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(Outcome.UNDECIDED.exitCode(), code, out.toString());
        assertEquals(6, code);
        assertEquals(json, out.toString().trim(), "a merge keeps the undecided run as it is");

        String html = SweepHtml.page(header, summary);
        assertTrue(html.contains("0 failed, 1 undecided"), html);
        assertTrue(html.contains("<td class=\"fail\">UNDECIDED</td><td>1</td><td>6</td>"), html);
        assertTrue(html.contains("./raftsim run log-replication --seed 2"), html);
    }

    @Test
    void aFailureDecidesTheExitCodeOverAnUndecidedRun() throws IOException {
        SweepSummary summary = new SweepSummary();
        ScenarioResult undecided = UndecidedRuns.undecided("log-replication", 1);
        summary.add(undecided);
        summary.add(new ScenarioResult(undecided.scenario(), 2, Outcome.NOT_LINEARIZABLE, "Linearizability", "no linearization",
                undecided.cluster(), undecided.expectations(), undecided.stats()));
        assertEquals(1, summary.failed());
        assertEquals(1, summary.undecided());
        Path file = directory.resolve("both.json");
        Files.writeString(file, SweepJson.write(new SweepJson.Header("log-replication", "1..2", "x {seed}", ScenarioHash.of(Catalogue.load("log-replication"))), summary).toString());
        assertEquals(1, Main.execute(new String[] {"merge", file.toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true)));
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

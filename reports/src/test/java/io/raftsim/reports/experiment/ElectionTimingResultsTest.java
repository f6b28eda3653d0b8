package io.raftsim.reports.experiment;

import io.raftsim.reports.experiment.ElectionTimingExperiment.Range;
import io.raftsim.reports.experiment.ElectionTimingExperiment.Result;
import io.raftsim.reports.experiment.ElectionTimingResults.SeedSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElectionTimingResultsTest {
    private static final List<Range> RANGES = List.of(new Range("top", 150, 155), new Range("top", 150, 200), new Range("bottom", 12, 24));
    private static final String COMMAND = "./raftsim experiment election-timing --seeds 1..3 --trials 40 --results r.csv";

    @TempDir
    Path dir;

    private static ElectionTimingResults threeSeeds() {
        List<Result> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            runs.add(ElectionTimingExperiment.run(seed, 40, RANGES));
        }
        return ElectionTimingResults.of(COMMAND, runs, 4);
    }

    @Test
    void aResultsFileReadsBackEqualAndItsRecordedTrialsReRunToTheSameTimes() {
        ElectionTimingResults results = threeSeeds();
        Path file = dir.resolve("r.csv");
        results.write(file);
        ElectionTimingResults read = ElectionTimingResults.read(file);
        assertEquals(results, read);
        assertEquals(9, read.rows().size());
        assertEquals(List.of(1L, 2L, 3L), read.seeds());
        assertEquals(List.of(), read.rerunRecordedTrials());
    }

    @Test
    void aRecordedTrialTheModelNoLongerGivesIsReportedWithItsSeedRangeAndTrial() {
        ElectionTimingResults results = threeSeeds();
        SeedSummary first = results.rows().get(0);
        List<Long> altered = new ArrayList<>(first.firstTrialsMicros());
        altered.set(2, altered.get(2) + 1);
        List<SeedSummary> rows = new ArrayList<>(results.rows());
        rows.set(0, new SeedSummary(first.seed(), first.range(), first.trials(), first.censored(), first.meanMicros(),
                first.medianMicros(), first.p95Micros(), first.maxMicros(), altered));
        List<ElectionTimingResults.Mismatch> mismatches = new ElectionTimingResults(COMMAND, rows).rerunRecordedTrials();
        assertEquals(1, mismatches.size(), mismatches.toString());
        assertTrue(mismatches.get(0).toString().startsWith("seed 1, top 150-155 ms, trial 2: recorded "), mismatches.toString());
    }

    @Test
    void theSummaryOfOneSeedEqualsTheExperimentsOwn() {
        Result run = ElectionTimingExperiment.run(5, 40, RANGES);
        ElectionTimingResults results = ElectionTimingResults.of(COMMAND, List.of(run), 4);
        for (int i = 0; i < RANGES.size(); i++) {
            ElectionTimingExperiment.Summary own = run.summaries().get(i);
            SeedSummary row = results.rows().get(i);
            assertEquals(own.medianMs(), row.medianMicros() / 1000.0, 1e-9);
            assertEquals(own.p95Ms(), row.p95Micros() / 1000.0, 1e-9);
            assertEquals(own.maxMs(), row.maxMicros() / 1000.0, 1e-9);
            assertEquals(own.meanMs(), row.meanMicros() / 1000.0, 0.001);
        }
    }

    @Test
    void thePaperTablePutsEachOfThePapersFiguresNextToTheSameStatisticOfOurs() {
        String table = ElectionTimingTables.Table.PAPER.render(threeSeeds());
        assertTrue(table.contains("| 150–155 ms | median | 287 ms (1000 trials) | "), table);
        assertTrue(table.contains("| 150–200 ms | maximum over all trials (the paper: \"worst case\", \"longest\") | 513 ms (1000 trials) | "), table);
        assertTrue(table.contains("| 12–24 ms | mean (the paper: \"on average\") | 35 ms (1000 trials) | "), table);
        assertTrue(table.contains("| 12–24 ms | maximum over all trials (the paper: \"worst case\", \"longest\") | 152 ms (1000 trials) | "), table);
        assertFalse(table.contains("mean 287"), table);
        assertTrue(table.startsWith("Seeds 1–3, 40 trials per range and seed."), table);
        assertTrue(table.contains("Written by `" + COMMAND + "`"), table);
    }

    @Test
    void everyCellOfOursIsTheMedianOfTheSeedsThenTheirRange() {
        ElectionTimingResults results = threeSeeds();
        long[] medians = results.rowsOf(RANGES.get(0)).stream().mapToLong(SeedSummary::medianMicros).sorted().toArray();
        String expected = Math.round(medians[1] / 1000.0) + " (" + Math.round(medians[0] / 1000.0) + "–" + Math.round(medians[2] / 1000.0) + ")";
        String table = ElectionTimingTables.Table.SPREAD.render(results);
        assertTrue(table.contains("| top | 150–155 ms | 0% | " + expected + " | "), table);
    }

    @Test
    void aMeanIsNotShownWhenTrialsAreCensored() {
        List<Range> none = List.of(new Range("top", 150, 150));
        ElectionTimingResults results = ElectionTimingResults.of(COMMAND, List.of(ElectionTimingExperiment.run(1, 30, none)), 2);
        assertTrue(results.rows().get(0).censored() > 0, results.toString());
        assertTrue(ElectionTimingTables.Table.SPREAD.render(results).contains("n/a (censored trials)"));
    }

    @Test
    void aMalformedResultsFileIsOneLineNamingFileLineFieldAndValue() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "# written by: x\n" + ElectionTimingResults.HEADER + "\n1,top,150-155,1000,0,1.5,2.000,3.000,4.000,\n");
        ResultsFileException e = assertThrows(ResultsFileException.class, () -> ElectionTimingResults.read(file));
        assertEquals(file + ": line 3: mean_ms: '1.5': expected milliseconds with three decimals", e.getMessage());
        Files.writeString(file, "seed\n");
        assertTrue(assertThrows(ResultsFileException.class, () -> ElectionTimingResults.read(file)).getMessage().startsWith(file + ": line 1-2"));
        assertEquals(dir.resolve("none.csv") + ": no such file",
                assertThrows(ResultsFileException.class, () -> ElectionTimingResults.read(dir.resolve("none.csv"))).getMessage());
    }
}

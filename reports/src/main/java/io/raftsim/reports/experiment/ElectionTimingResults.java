package io.raftsim.reports.experiment;

import io.raftsim.reports.experiment.ElectionTimingExperiment.Range;
import io.raftsim.reports.experiment.ElectionTimingExperiment.Result;
import io.raftsim.reports.experiment.ElectionTimingExperiment.Trial;
import io.raftsim.reports.io.AtomicFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The election-timing experiment over several seeds, as the documentation records it: one row
 * per seed and range with its statistics, and the exact times of the range's first trials.
 *
 * <p>The whole experiment over five seeds takes tens of seconds, too long for a test; its
 * results are therefore committed as this file, the documentation's tables are rendered from
 * it, and a test re-runs the recorded first trials (each trial's seed derives from the
 * experiment seed, the range and its number alone, so a trial re-runs on its own). A change of
 * the model that moves any of those trials makes the file stale, and the test says so.
 *
 * @param command the command that wrote the file, recorded in it: the one that regenerates it
 */
public record ElectionTimingResults(String command, List<SeedSummary> rows) {
    /**
     * First trials recorded per seed and range: enough that a change of the model almost surely
     * moves one of them (55 cells of 10 for five seeds), few enough to re-run in seconds.
     */
    public static final int RECORDED_TRIALS = 10;
    static final String HEADER = "seed,graph,range_ms,trials,censored,mean_ms,median_ms,p95_ms,max_ms,first_trials_ms";
    private static final String COMMAND_PREFIX = "# written by: ";

    public ElectionTimingResults {
        rows = List.copyOf(rows);
    }

    /**
     * One seed's statistics of one range, in microseconds; -1 stands for "censored" (the
     * quantile falls on a trial still without a leader after 10 s) or, for the mean, "no trial
     * completed". The mean is over completed trials only.
     */
    public record SeedSummary(long seed, Range range, int trials, int censored, long meanMicros, long medianMicros,
                              long p95Micros, long maxMicros, List<Long> firstTrialsMicros) {
        public SeedSummary {
            firstTrialsMicros = List.copyOf(firstTrialsMicros);
        }
    }

    /** One trial whose recorded time the model no longer reproduces. */
    public record Mismatch(long seed, Range range, int trial, long recordedMicros, long nowMicros) {
        @Override
        public String toString() {
            return "seed " + seed + ", " + range.graph() + " " + range.label() + ", trial " + trial + ": recorded "
                    + text(recordedMicros) + ", the model now gives " + text(nowMicros);
        }

        private static String text(long micros) {
            return micros < 0 ? "censored" : ms(micros) + " ms";
        }
    }

    /** Summaries of runs of the experiment, one per seed, keeping the first {@code sampleTrials} times of each range. */
    public static ElectionTimingResults of(String command, List<Result> results, int sampleTrials) {
        List<SeedSummary> rows = new ArrayList<>();
        for (Result result : results) {
            for (ElectionTimingExperiment.Summary summary : result.summaries()) {
                long[] micros = result.trials().stream().filter(t -> t.range().equals(summary.range()))
                        .sorted(java.util.Comparator.comparingInt(Trial::trial)).mapToLong(Trial::electionMicros).toArray();
                rows.add(summarize(result.seed(), summary.range(), micros, sampleTrials));
            }
        }
        return new ElectionTimingResults(command, rows);
    }

    static SeedSummary summarize(long seed, Range range, long[] micros, int sampleTrials) {
        long[] sorted = Arrays.stream(micros).map(v -> v < 0 ? Long.MAX_VALUE : v).sorted().toArray();
        int censored = (int) Arrays.stream(micros).filter(v -> v < 0).count();
        int completed = micros.length - censored;
        long sum = Arrays.stream(micros).filter(v -> v >= 0).sum();
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < Math.min(sampleTrials, micros.length); i++) {
            first.add(micros[i]);
        }
        return new SeedSummary(seed, range, micros.length, censored,
                completed == 0 ? -1 : Math.round((double) sum / completed),
                quantile(sorted, 0.5), quantile(sorted, 0.95), quantile(sorted, 1.0), first);
    }

    /** Nearest rank, as {@link ElectionTimingExperiment#summarize}; -1 when it falls on a censored trial. */
    private static long quantile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        long value = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        return value == Long.MAX_VALUE ? -1 : value;
    }

    /** The seeds, in the order of the file. */
    public List<Long> seeds() {
        return rows.stream().map(SeedSummary::seed).distinct().toList();
    }

    /** The ranges, in the order of the file. */
    public List<Range> ranges() {
        return rows.stream().map(SeedSummary::range).distinct().toList();
    }

    public List<SeedSummary> rowsOf(Range range) {
        return rows.stream().filter(row -> row.range().equals(range)).toList();
    }

    /** Re-runs every recorded first trial and returns those whose time differs (empty: the file is current). */
    public List<Mismatch> rerunRecordedTrials() {
        List<Mismatch> mismatches = new ArrayList<>();
        for (SeedSummary row : rows) {
            for (int trial = 0; trial < row.firstTrialsMicros().size(); trial++) {
                long now = ElectionTimingExperiment.runTrial(row.range(), ElectionTimingExperiment.trialSeed(row.seed(), row.range(), trial));
                long recorded = row.firstTrialsMicros().get(trial);
                if (now != recorded) {
                    mismatches.add(new Mismatch(row.seed(), row.range(), trial, recorded, now));
                }
            }
        }
        return mismatches;
    }

    public String csv() {
        StringBuilder out = new StringBuilder();
        out.append(COMMAND_PREFIX).append(command).append('\n').append(HEADER).append('\n');
        for (SeedSummary row : rows) {
            StringBuilder first = new StringBuilder();
            for (long micros : row.firstTrialsMicros()) {
                first.append(first.length() == 0 ? "" : " ").append(micros < 0 ? "censored" : ms(micros));
            }
            out.append(row.seed()).append(',').append(row.range().graph()).append(',')
                    .append(row.range().minMs()).append('-').append(row.range().maxMs()).append(',')
                    .append(row.trials()).append(',').append(row.censored()).append(',')
                    .append(cell(row.meanMicros())).append(',').append(cell(row.medianMicros())).append(',')
                    .append(cell(row.p95Micros())).append(',').append(cell(row.maxMicros())).append(',')
                    .append(first).append('\n');
        }
        return out.toString();
    }

    public void write(Path path) {
        AtomicFile.write(path, csv());
    }

    /** Reads a results file; a malformed one is a {@link ResultsFileException} naming the file, line, field and value. */
    public static ElectionTimingResults read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (NoSuchFileException e) {
            throw new ResultsFileException(path + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new ResultsFileException(path + ": cannot read (" + e.getMessage() + ")");
        }
        if (lines.size() < 2 || !lines.get(0).startsWith(COMMAND_PREFIX) || !lines.get(1).equals(HEADER)) {
            throw new ResultsFileException(path + ": line 1-2: expected '" + COMMAND_PREFIX + "COMMAND' then '" + HEADER + "'");
        }
        List<SeedSummary> rows = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            rows.add(parseRow(path, i + 1, lines.get(i)));
        }
        if (rows.isEmpty()) {
            throw new ResultsFileException(path + ": no rows");
        }
        return new ElectionTimingResults(lines.get(0).substring(COMMAND_PREFIX.length()), rows);
    }

    private static SeedSummary parseRow(Path path, int line, String text) {
        String[] cells = text.split(",", -1);
        String[] fields = HEADER.split(",");
        if (cells.length != fields.length) {
            throw new ResultsFileException(path + ": line " + line + ": " + cells.length + " fields, expected " + fields.length);
        }
        Cells at = new Cells(path, line, fields, cells);
        long seed = at.longValue(0);
        String graph = cells[1];
        if (!graph.equals("top") && !graph.equals("bottom")) {
            at.fail(1, "expected top or bottom");
        }
        String[] bounds = cells[2].split("-", -1);
        if (bounds.length != 2) {
            at.fail(2, "expected MIN-MAX");
        }
        long minMs = at.longValue(2, bounds[0]);
        long maxMs = at.longValue(2, bounds[1]);
        if (minMs <= 0 || maxMs < minMs) {
            at.fail(2, "expected 0 < MIN <= MAX");
        }
        int trials = (int) at.longValue(3);
        int censored = (int) at.longValue(4);
        if (trials <= 0 || censored < 0 || censored > trials) {
            at.fail(4, "expected 0 <= censored <= trials, trials > 0");
        }
        List<Long> first = new ArrayList<>();
        if (!cells[9].isEmpty()) {
            for (String value : cells[9].split(" ", -1)) {
                first.add(value.equals("censored") ? -1 : at.micros(9, value));
            }
        }
        return new SeedSummary(seed, new Range(graph, minMs, maxMs), trials, censored, at.optionalMicros(5), at.optionalMicros(6),
                at.optionalMicros(7), at.optionalMicros(8), first);
    }

    /** The cells of one line, parsed with one-line errors. */
    private record Cells(Path path, int line, String[] fields, String[] cells) {
        long longValue(int index) {
            return longValue(index, cells[index]);
        }

        long longValue(int index, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw fail(index, "not a whole number", value);
            }
        }

        long optionalMicros(int index) {
            return cells[index].isEmpty() ? -1 : micros(index, cells[index]);
        }

        long micros(int index, String value) {
            if (!value.matches("\\d{1,9}\\.\\d{3}")) {
                throw fail(index, "expected milliseconds with three decimals", value);
            }
            return Long.parseLong(value.replace(".", ""));
        }

        void fail(int index, String problem) {
            throw fail(index, problem, cells[index]);
        }

        ResultsFileException fail(int index, String problem, String value) {
            return new ResultsFileException(path + ": line " + line + ": " + fields[index] + ": '" + value + "': " + problem);
        }
    }

    private static String cell(long micros) {
        return micros < 0 ? "" : ms(micros);
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%d.%03d", micros / 1000, micros % 1000);
    }
}

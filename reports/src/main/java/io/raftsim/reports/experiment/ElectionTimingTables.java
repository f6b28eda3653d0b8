package io.raftsim.reports.experiment;

import io.raftsim.reports.experiment.ElectionTimingExperiment.Range;
import io.raftsim.reports.experiment.ElectionTimingResults.SeedSummary;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The Markdown tables of the election-timing documentation, rendered from a results file over
 * several seeds. Every cell that is ours is the median of the per-seed values followed by their
 * range (min–max), so that no single seed's maximum is read as the model's: one seed's worst
 * trial out of 1000 moves by a hundred milliseconds from seed to seed.
 */
public final class ElectionTimingTables {
    /** The tables, by the name {@code --markdown} takes. */
    public enum Table {
        /** Each of the paper's figures next to the same statistic of ours. */
        PAPER,
        /** Every range, every statistic, with its spread over the seeds. */
        SPREAD;

        public String render(ElectionTimingResults results) {
            return switch (this) {
                case PAPER -> paper(results);
                case SPREAD -> spread(results);
            };
        }
    }

    private static final String CENSORED = "> 10 s";

    private ElectionTimingTables() {
    }

    static String paper(ElectionTimingResults results) {
        StringBuilder out = new StringBuilder(caption(results));
        out.append("| timeout range | statistic | paper (§9.3, Figure 16) | raftsim: median of ").append(results.seeds().size())
                .append(" seeds (min–max) |\n|---|---|---|---|\n");
        for (PaperFigure16 figure : PaperFigure16.values()) {
            List<Range> ranges = results.ranges().stream().filter(figure::isFor).toList();
            for (Range range : ranges) {
                List<SeedSummary> rows = results.rowsOf(range);
                String paper = Double.isNaN(figure.valueMs()) ? "\"consistently took longer than 10 seconds\""
                        : (long) figure.valueMs() + " ms";
                out.append("| ").append(label(range)).append(" | ").append(figure.statistic().label()).append(" | ")
                        .append(paper).append(" (").append(figure.trials()).append(" trials) | ")
                        .append(ours(figure.statistic(), rows)).append(" |\n");
            }
        }
        return out.toString();
    }

    static String spread(ElectionTimingResults results) {
        StringBuilder out = new StringBuilder(caption(results));
        out.append("| graph | timeout range | no leader after 10 s | median ms | mean ms | 95th pct ms | max ms | paper, same statistic |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Range range : results.ranges()) {
            List<SeedSummary> rows = results.rowsOf(range);
            String paper = PaperFigure16.forRange(range).stream().map(PaperFigure16::shortText).collect(Collectors.joining(", "));
            out.append("| ").append(range.graph()).append(" | ").append(label(range)).append(" | ")
                    .append(ours(PaperFigure16.Statistic.WITHOUT_LEADER_AFTER_10_S, rows)).append(" | ")
                    .append(ours(PaperFigure16.Statistic.MEDIAN, rows)).append(" | ")
                    .append(ours(PaperFigure16.Statistic.MEAN, rows)).append(" | ")
                    .append(spreadMs(rows, SeedSummary::p95Micros)).append(" | ")
                    .append(ours(PaperFigure16.Statistic.MAXIMUM, rows)).append(" | ")
                    .append(paper).append(" |\n");
        }
        return out.toString();
    }

    /** One line above each table saying what its cells are, so the numbers never lose their meaning. */
    private static String caption(ElectionTimingResults results) {
        List<Integer> trials = results.rows().stream().map(SeedSummary::trials).distinct().toList();
        return "Seeds " + seedsText(results.seeds()) + ", " + trials.stream().map(String::valueOf).collect(Collectors.joining("/"))
                + " trials per range and seed. Each cell of ours: the median of the " + results.seeds().size()
                + " per-seed values, then their range (min–max); \"> 10 s\": the value falls on a trial still without a leader"
                + " after 10 s. Written by `" + results.command() + "`.\n\n";
    }

    private static String ours(PaperFigure16.Statistic statistic, List<SeedSummary> rows) {
        return switch (statistic) {
            case WITHOUT_LEADER_AFTER_10_S -> {
                long[] percent = rows.stream().mapToLong(r -> Math.round(100.0 * r.censored() / r.trials())).sorted().toArray();
                yield percent[0] == percent[percent.length - 1] ? percent[0] + "%" : percent[median(percent.length)] + "% (" + percent[0] + "–"
                        + percent[percent.length - 1] + "%)";
            }
            // A mean over the completed trials only would hide the censored ones: no number rather than a wrong one.
            case MEAN -> rows.stream().anyMatch(r -> r.censored() > 0) ? "n/a (censored trials)" : spreadMs(rows, SeedSummary::meanMicros);
            case MEDIAN -> spreadMs(rows, SeedSummary::medianMicros);
            case MAXIMUM -> spreadMs(rows, SeedSummary::maxMicros);
        };
    }

    /** "412 (389–455)": the median of the per-seed values and their range, in whole ms; -1 (censored) sorts above all. */
    private static String spreadMs(List<SeedSummary> rows, ToLongFunction<SeedSummary> statistic) {
        long[] values = rows.stream().mapToLong(statistic).map(v -> v < 0 ? Long.MAX_VALUE : v).sorted().toArray();
        String middle = ms(values[median(values.length)]);
        String low = ms(values[0]);
        String high = ms(values[values.length - 1]);
        return low.equals(high) ? middle : middle + " (" + low + "–" + high + ")";
    }

    /** Nearest-rank median: the middle of an odd count, the lower middle of an even one. */
    private static int median(int count) {
        return (count - 1) / 2;
    }

    private static String ms(long micros) {
        return micros == Long.MAX_VALUE ? CENSORED : Long.toString(Math.round(micros / 1000.0));
    }

    private static String label(Range range) {
        return range.minMs() + "–" + range.maxMs() + " ms";
    }

    private static String seedsText(List<Long> seeds) {
        long[] sorted = seeds.stream().mapToLong(Long::longValue).sorted().toArray();
        boolean consecutive = sorted.length > 1 && sorted[sorted.length - 1] - sorted[0] == sorted.length - 1
                && Arrays.stream(sorted).distinct().count() == sorted.length;
        return consecutive ? sorted[0] + "–" + sorted[sorted.length - 1]
                : seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}

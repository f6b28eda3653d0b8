package io.raftsim.reports.experiment;

import io.raftsim.reports.experiment.ElectionTimingExperiment.Range;

import java.util.List;

/**
 * What the Raft paper reports of its Figure 16 (extended paper, §9.3), one figure per constant,
 * each with the statistic it is and the paper's own words, so that our number next to it is
 * always the same statistic: a median next to its median, a mean next to its average, our
 * maximum over 1000 trials next to its worst case over 1000 trials.
 */
public enum PaperFigure16 {
    /** No randomness; the paper ran 100 trials for this line only (Figure 16 caption). */
    NO_RANDOMNESS(150, 150, Statistic.WITHOUT_LEADER_AFTER_10_S, Double.NaN, 100,
            "In the absence of randomness, leader election consistently took longer than 10 seconds in our tests due to many split votes."),
    FIVE_MS_OF_RANDOMNESS(150, 155, Statistic.MEDIAN, 287, 1000,
            "Adding just 5ms of randomness helps significantly, resulting in a median downtime of 287ms."),
    FIFTY_MS_OF_RANDOMNESS(150, 200, Statistic.MAXIMUM, 513, 1000,
            "with 50ms of randomness the worst-case completion time (over 1000 trials) was 513ms."),
    SHORT_TIMEOUTS_AVERAGE(12, 24, Statistic.MEAN, 35, 1000,
            "With an election timeout of 12–24ms, it takes only 35ms on average to elect a leader"),
    SHORT_TIMEOUTS_LONGEST(12, 24, Statistic.MAXIMUM, 152, 1000,
            "(the longest trial took 152ms)");

    /** Which statistic of a range's trials a figure is. */
    public enum Statistic {
        WITHOUT_LEADER_AFTER_10_S("share of trials without a leader after 10 s"),
        MEDIAN("median"),
        MEAN("mean (the paper: \"on average\")"),
        MAXIMUM("maximum over all trials (the paper: \"worst case\", \"longest\")");

        private final String label;

        Statistic(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final long minMs;
    private final long maxMs;
    private final Statistic statistic;
    private final double valueMs;
    private final int trials;
    private final String words;

    PaperFigure16(long minMs, long maxMs, Statistic statistic, double valueMs, int trials, String words) {
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.statistic = statistic;
        this.valueMs = valueMs;
        this.trials = trials;
        this.words = words;
    }

    public boolean isFor(Range range) {
        return range.minMs() == minMs && range.maxMs() == maxMs;
    }

    public long minMs() {
        return minMs;
    }

    public long maxMs() {
        return maxMs;
    }

    public Statistic statistic() {
        return statistic;
    }

    /** In milliseconds; NaN when the paper gives words, not a number. */
    public double valueMs() {
        return valueMs;
    }

    /** Trials behind the paper's line (Figure 16 caption: 1000, but 100 for 150–150 ms). */
    public int trials() {
        return trials;
    }

    /** The paper's sentence, verbatim. */
    public String words() {
        return words;
    }

    /** Short form for a table cell, e.g. "median 287 ms". */
    public String shortText() {
        return switch (statistic) {
            case WITHOUT_LEADER_AFTER_10_S -> "consistently > 10 s (100 trials)";
            case MEDIAN -> "median " + (long) valueMs + " ms";
            case MEAN -> "mean " + (long) valueMs + " ms";
            case MAXIMUM -> (this == SHORT_TIMEOUTS_LONGEST ? "longest " : "worst case ") + (long) valueMs + " ms"
                    + (this == FIFTY_MS_OF_RANDOMNESS ? " (" + trials + " trials)" : "");
        };
    }

    public static List<PaperFigure16> forRange(Range range) {
        return java.util.Arrays.stream(values()).filter(figure -> figure.isFor(range)).toList();
    }
}

package io.raftsim.scenarios.cli;

import java.util.Map;
import java.util.TreeMap;

/** Describes a histogram (value -> count) by its median, 95th percentile and maximum. */
final class Distribution {
    private Distribution() {
    }

    static String describe(TreeMap<Long, Long> histogram) {
        if (histogram.isEmpty()) {
            return "no runs";
        }
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        return "median " + quantile(histogram, total, 0.5) + ", p95 " + quantile(histogram, total, 0.95) + ", max " + histogram.lastKey();
    }

    /** As above, for a histogram of events rather than runs: how many, and the unit of the values. */
    static String describe(TreeMap<Long, Long> histogram, String unit, String events) {
        if (histogram.isEmpty()) {
            return "no " + events;
        }
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        String suffix = unit.isEmpty() ? "" : " " + unit;
        return "median " + quantile(histogram, total, 0.5) + suffix + ", p95 " + quantile(histogram, total, 0.95) + suffix
                + ", max " + histogram.lastKey() + suffix + " over " + total + " " + events;
    }

    static long quantile(TreeMap<Long, Long> histogram, long total, double q) {
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (Map.Entry<Long, Long> entry : histogram.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return entry.getKey();
            }
        }
        return histogram.lastKey();
    }
}

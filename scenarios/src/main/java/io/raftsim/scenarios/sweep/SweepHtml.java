package io.raftsim.scenarios.sweep;

import io.raftsim.reports.html.Html;
import io.raftsim.scenarios.run.Outcome;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sweep summary as one self-contained HTML page: runs by failure class, how often each
 * {@code expect} condition was reached, the distributions of elections and of the highest
 * term per run (SVG bars), and every failed seed kept with the command that replays it.
 * Every string from a scenario is escaped.
 */
public final class SweepHtml {
    private SweepHtml() {
    }

    public static String page(SweepJson.Header header, SweepSummary summary) {
        return page(header, summary, Map.of());
    }

    /**
     * As {@link #page(SweepJson.Header, SweepSummary)}, each failed seed also linked to the
     * scenario file it was shrunk to, when it was ({@code shrunkFiles}: seed -> a path relative
     * to the page, as a link's target).
     */
    public static String page(SweepJson.Header header, SweepSummary summary, Map<Long, String> shrunkFiles) {
        StringBuilder html = new StringBuilder(16_384);
        String title = "raftsim sweep: " + header.scenario() + ", seeds " + header.seeds();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
                .append("</title>\n<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#f3f3f3}.fail{color:#b00020;font-weight:600}"
                        + ".ok{color:#1b7f3b;font-weight:600}code{background:#f3f3f3;padding:1px 4px}svg text{font-size:11px}svg .axis-title{font-size:12px;font-weight:600}</style></head><body>\n");
        html.append("<h1>").append(Html.escape(title)).append("</h1>\n<p>").append(summary.runs()).append(" runs, ")
                .append(String.format(Locale.ROOT, "%,d", summary.steps())).append(" steps, combined digest <code>")
                .append(String.format(Locale.ROOT, "%016x", summary.combinedDigest())).append("</code>: <span class=\"")
                .append(verdict(summary)).append("</span></p>\n");

        html.append("<h2>Runs by outcome</h2>\n<table><tr><th>outcome</th><th>runs</th><th>exit code</th></tr>\n");
        for (Outcome outcome : Outcome.values()) {
            long count = summary.outcomes().getOrDefault(outcome, 0L);
            html.append("<tr><td").append(outcome.failed() && count > 0 ? " class=\"fail\"" : "").append(">").append(outcome)
                    .append("</td><td>").append(count).append("</td><td>").append(outcome.exitCode()).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Expect conditions reached</h2>\n<table><tr><th>condition</th><th>runs</th></tr>\n");
        summary.expectationsReached().forEach((name, count) -> html.append("<tr><td>").append(Html.escape(name)).append("</td><td>")
                .append(count).append(" of ").append(summary.runs()).append("</td></tr>\n"));
        if (!summary.optionsOn().isEmpty()) {
            html.append("</table>\n<h2>Swarm options drawn on</h2>\n<table><tr><th>option</th><th>runs</th></tr>\n");
            summary.optionsOn().forEach((option, count) -> html.append("<tr><td>").append(option.key()).append("</td><td>")
                    .append(count).append(" of ").append(summary.runs()).append("</td></tr>\n"));
        }
        html.append("</table>\n<h2>Elections per run</h2>\n").append(bars(summary.electionsPerRun(), 1, "runs", "leaders elected in a run"));
        html.append("<h2>Highest term per run</h2>\n").append(bars(summary.highestTermPerRun(), 1, "runs", "highest term reached in a run"));
        html.append("<h2>Efficiency in quiet windows</h2>\n<p>Measured only while a majority is up and connected and no fault is active; "
                + "bounds in docs/efficiency.md.</p>\n<h3>Time to a new leader (ms, 10 ms buckets), per leader change</h3>\n")
                .append(bars(buckets(summary.leaderRecoveryMs(), 10), 10, "leader changes", "ms from losing the leader to a new one"));
        html.append("<h3>Terms started per leader change</h3>\n").append(bars(summary.electionsPerLeaderChange(), 1, "leader changes", "terms started"));
        html.append("<h3>RPCs per committed entry, per leader interval under load</h3>\n").append(bars(summary.messagesPerEntry(), 1, "intervals", "RPCs per committed entry"));

        html.append("<h2>Failed and undecided seeds</h2>\n");
        if (summary.failures().isEmpty()) {
            html.append("<p>None.</p>\n");
        } else {
            html.append("<p>The ").append(summary.failures().size())
                    .append(" lowest seeds that did not pass (failed, or linearizability undecided), each with the command that replays it,")
                    .append(" the command that draws its timeline, and the scenario it was shrunk to (when it was) or the command that shrinks it.</p>\n")
                    .append("<table><tr><th>seed</th><th>outcome</th><th>property</th><th>message</th><th>replay</th><th>timeline</th><th>shrunk</th></tr>\n");
            for (SweepSummary.Failure failure : summary.failures()) {
                html.append("<tr><td>").append(failure.seed()).append("</td><td class=\"fail\">").append(failure.outcome())
                        .append("</td><td>").append(Html.escape(failure.property())).append("</td><td>").append(Html.escape(failure.message()))
                        .append("</td><td><code>").append(Html.escape(SweepJson.replay(header.replayTemplate(), failure.seed()))).append("</code></td>")
                        .append("<td><code>").append(Html.escape(timelineCommand(header, failure.seed()))).append("</code></td><td>")
                        .append(shrunkCell(header, failure.seed(), shrunkFiles.get(failure.seed()))).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** "all passed", or how many failed and how many were undecided: an undecided run is never shown as passed. */
    private static String verdict(SweepSummary summary) {
        if (summary.passed() == summary.runs()) {
            return "ok\">all passed";
        }
        String failed = summary.failed() + " failed";
        return "fail\">" + (summary.undecided() == 0 ? failed : failed + ", " + summary.undecided() + " undecided");
    }

    private static TreeMap<Long, Long> buckets(TreeMap<Long, Long> histogram, long width) {
        TreeMap<Long, Long> bucketed = new TreeMap<>();
        histogram.forEach((k, v) -> bucketed.merge(k / width * width, v, Long::sum));
        return bucketed;
    }


    /** The replay command with {@code --html}: the failed run's timeline, at its violation. */
    static String timelineCommand(SweepJson.Header header, long seed) {
        return SweepJson.replay(header.replayTemplate(), seed) + " --html seed-" + seed + ".html";
    }

    private static String shrunkCell(SweepJson.Header header, long seed, String shrunkFile) {
        if (shrunkFile != null) {
            return "<a href=\"" + Html.escape(shrunkFile) + "\">" + Html.escape(shrunkFile) + "</a>";
        }
        String replay = SweepJson.replay(header.replayTemplate(), seed);
        return "<code>" + Html.escape(replay.replaceFirst("^\\./raftsim run ", "./raftsim shrink ")) + "</code>";
    }

    /**
     * A histogram (value -> count) as SVG bars with axis titles, keys {@code step} apart, at most
     * 60 bars wide; the rest folds into the last.
     */
    private static String bars(TreeMap<Long, Long> histogram, long step, String unit, String xAxisTitle) {
        if (histogram.isEmpty()) {
            return "<p>No " + unit + ".</p>\n";
        }
        TreeMap<Long, Long> shown = new TreeMap<>();
        long cut = histogram.firstKey() + 59 * step;
        for (Map.Entry<Long, Long> entry : histogram.entrySet()) {
            shown.merge(Math.min(entry.getKey(), cut), entry.getValue(), Long::sum);
        }
        long max = shown.values().stream().mapToLong(Long::longValue).max().orElse(1);
        int width = 14;
        int height = 120;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg width=\"").append(Math.max(shown.size() * width + 56, 260)).append("\" height=\"").append(height + 46)
                .append("\" role=\"img\"><title>").append(unit).append(" per value: ").append(Html.escape(xAxisTitle)).append("</title>\n");
        svg.append("<text class=\"axis-title\" transform=\"translate(10,").append(height / 2 + 14).append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(unit).append("</text>\n");
        int x = 46;
        for (Map.Entry<Long, Long> entry : shown.entrySet()) {
            long barHeight = Math.max(1, entry.getValue() * height / max);
            String label = entry.getKey() == cut && histogram.lastKey() > cut ? entry.getKey() + "+" : Long.toString(entry.getKey());
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(height - barHeight).append("\" width=\"").append(width - 2)
                    .append("\" height=\"").append(barHeight).append("\" fill=\"#4a78c2\"><title>").append(label).append(": ")
                    .append(entry.getValue()).append(' ').append(unit).append("</title></rect>\n");
            if (entry.getKey() / step % 5 == 0 || entry.getKey().equals(shown.firstKey()) || entry.getKey().equals(shown.lastKey())) {
                svg.append("<text x=\"").append(x).append("\" y=\"").append(height + 14).append("\">").append(label).append("</text>\n");
            }
            x += width;
        }
        svg.append("<text class=\"axis-title\" x=\"46\" y=\"").append(height + 36).append("\">").append(Html.escape(xAxisTitle)).append(" →</text>\n");
        svg.append("<text x=\"18\" y=\"10\">").append(max).append("</text></svg>\n");
        return svg.toString();
    }
}

package io.raftsim.reports.experiment;

import io.raftsim.reports.html.Html;
import io.raftsim.reports.io.AtomicFile;
import io.raftsim.reports.experiment.ElectionTimingExperiment.Range;
import io.raftsim.reports.experiment.ElectionTimingExperiment.Result;
import io.raftsim.reports.experiment.ElectionTimingExperiment.Summary;
import io.raftsim.reports.experiment.ElectionTimingExperiment.Trial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The election-timing experiment as a CSV of every trial and as one self-contained HTML page. */
public final class ElectionTimingReport {
    private static final String[] COLOURS = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"};

    private ElectionTimingReport() {
    }

    /** What the paper reports for a range, each figure labelled with the statistic it is, or "" (§9.3, Figure 16). */
    static String paperNumbers(Range range) {
        return String.join(", ", PaperFigure16.forRange(range).stream()
                .filter(figure -> !Double.isNaN(figure.valueMs())).map(PaperFigure16::shortText).toList());
    }

    /** One row per trial: graph, range, trial, seed, election time in ms (empty when censored), censored. */
    public static String csv(Result result) {
        StringBuilder out = new StringBuilder(64 * result.trials().size() + 64);
        out.append("graph,range_ms,trial,seed,election_ms,censored\n");
        for (Trial trial : result.trials()) {
            out.append(trial.range().graph()).append(',')
                    .append(trial.range().minMs()).append('-').append(trial.range().maxMs()).append(',')
                    .append(trial.trial()).append(',')
                    .append(trial.seed()).append(',')
                    .append(trial.censored() ? "" : ms(trial.electionMicros())).append(',')
                    .append(trial.censored()).append('\n');
        }
        return out.toString();
    }

    public static void writeCsv(Result result, Path path) {
        AtomicFile.write(path, csv(result));
    }

    public static void writeHtml(Result result, Path path, String command) {
        AtomicFile.write(path, html(result, command));
    }

    /** A markdown table of the summaries next to the paper's numbers. */
    public static String markdownTable(Result result) {
        StringBuilder out = new StringBuilder();
        out.append("| graph | timeout range | trials | censored (>10 s) | mean | median | 95th pct | max | paper |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Summary s : result.summaries()) {
            out.append("| ").append(s.range().graph()).append(" | ").append(s.range().label()).append(" | ")
                    .append(s.trials()).append(" | ").append(s.censored()).append(" | ")
                    .append(text(s.meanMs())).append(" | ").append(text(s.medianMs())).append(" | ")
                    .append(text(s.p95Ms())).append(" | ").append(text(s.maxMs())).append(" | ")
                    .append(paperNumbers(s.range())).append(" |\n");
        }
        return out.toString();
    }

    public static String html(Result result, String command) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>raftsim: election timing (Raft paper Figure 16)</title><style>")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}")
                .append("table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th{background:#f3f3f3}td:first-child,td:nth-child(2){text-align:left}code{background:#f4f4f4;padding:1px 4px}")
                .append("svg text{font:12px system-ui,sans-serif}")
                .append("</style></head><body>\n");
        out.append("<h1>Time without a leader after the leader crashes</h1>\n<p>")
                .append(ElectionTimingExperiment.SERVERS).append(" servers; one-way latency uniform in ")
                .append(fmt(result.latency().minMicros() / 1000.0)).append("–")
                .append(fmt(result.latency().maxMicros() / 1000.0))
                .append(" ms (a broadcast round completes within twice the maximum; no write takes time); heartbeats every half the minimum election timeout; ")
                .append("the leader crashed at a uniformly random moment of its heartbeat interval; ")
                .append(result.trialsPerRange()).append(" trials per range; trials still without a leader after 10 s are censored. ")
                .append("Experiment seed ").append(result.seed()).append(". Reproduce: <code>").append(Html.escape(command)).append("</code></p>\n");
        for (String graph : List.of("top", "bottom")) {
            List<Summary> summaries = result.summaries().stream().filter(s -> s.range().graph().equals(graph)).toList();
            if (summaries.isEmpty()) {
                continue;
            }
            boolean log = graph.equals("top");
            out.append("<h2>").append(log ? "Varying the randomness (150 ms minimum), log scale"
                    : "Varying the timeout (with randomness), linear scale").append("</h2>\n");
            out.append(plot(result, summaries, log));
            out.append(table(summaries));
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private static String table(List<Summary> summaries) {
        StringBuilder out = new StringBuilder("<table><tr><th>range</th><th>paper</th><th>trials</th><th>censored</th><th>mean ms</th>"
                + "<th>median ms</th><th>95th pct ms</th><th>max ms</th></tr>\n");
        for (Summary s : summaries) {
            out.append("<tr><td>").append(Html.escape(s.range().label())).append("</td><td>")
                    .append(Html.escape(paperNumbers(s.range()))).append("</td><td>").append(s.trials())
                    .append("</td><td>").append(s.censored()).append("</td><td>").append(fmt(s.meanMs()))
                    .append("</td><td>").append(fmt(s.medianMs())).append("</td><td>").append(fmt(s.p95Ms()))
                    .append("</td><td>").append(fmt(s.maxMs())).append("</td></tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    /** Cumulative distribution per range as SVG step lines. */
    private static String plot(Result result, List<Summary> summaries, boolean log) {
        int width = 900;
        int height = 360;
        int left = 60;
        int right = 200;
        int top = 15;
        int bottom = 45;
        double xMin = log ? 10 : 0;
        double xMax = log ? ElectionTimingExperiment.CENSOR_AFTER_MICROS / 1000.0 : 600;
        if (!log) {
            for (Summary s : summaries) {
                if (!Double.isNaN(s.maxMs())) {
                    xMax = Math.max(xMax, Math.ceil(s.maxMs() / 100) * 100);
                }
            }
        }
        double plotWidth = width - left - right;
        double plotHeight = height - top - bottom;
        final double lo = xMin;
        final double hi = xMax;
        java.util.function.DoubleUnaryOperator x = value -> left + plotWidth * (log
                ? (Math.log10(Math.max(value, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                : (value - lo) / (hi - lo));
        StringBuilder out = new StringBuilder();
        out.append("<svg width=\"").append(width).append("\" height=\"").append(height).append("\" role=\"img\">\n");
        out.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(fmt(plotWidth))
                .append("\" height=\"").append(fmt(plotHeight)).append("\" fill=\"none\" stroke=\"#999\"/>\n");
        for (int p = 0; p <= 100; p += 20) {
            double y = top + plotHeight * (1 - p / 100.0);
            out.append("<line x1=\"").append(left).append("\" x2=\"").append(fmt(left + plotWidth)).append("\" y1=\"").append(fmt(y))
                    .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#eee\"/><text x=\"").append(left - 6).append("\" y=\"")
                    .append(fmt(y + 4)).append("\" text-anchor=\"end\">").append(p).append("%</text>\n");
        }
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double t = 10; t <= xMax; t *= 10) {
                ticks.add(t);
            }
        } else {
            for (double t = 0; t <= xMax; t += xMax > 1000 ? 500 : 100) {
                ticks.add(t);
            }
        }
        for (double t : ticks) {
            double px = x.applyAsDouble(t);
            out.append("<line x1=\"").append(fmt(px)).append("\" x2=\"").append(fmt(px)).append("\" y1=\"").append(top)
                    .append("\" y2=\"").append(fmt(top + plotHeight)).append("\" stroke=\"#eee\"/><text x=\"").append(fmt(px))
                    .append("\" y=\"").append(fmt(top + plotHeight + 16)).append("\" text-anchor=\"middle\">").append(fmt(t)).append("</text>\n");
        }
        out.append("<text x=\"").append(fmt(left + plotWidth / 2)).append("\" y=\"").append(height - 8)
                .append("\" text-anchor=\"middle\">time without leader (ms)</text>\n");
        for (int i = 0; i < summaries.size(); i++) {
            Range range = summaries.get(i).range();
            long[] values = result.trials().stream().filter(t -> t.range().equals(range)).mapToLong(Trial::electionMicros)
                    .filter(v -> v >= 0).sorted().toArray();
            int total = summaries.get(i).trials();
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            points.append(fmt(x.applyAsDouble(xMin))).append(',').append(fmt(top + plotHeight));
            for (int k = 0; k < values.length; k++) {
                double px = x.applyAsDouble(Math.min(values[k] / 1000.0, xMax));
                double yBefore = top + plotHeight * (1 - (double) k / total);
                double yAfter = top + plotHeight * (1 - (double) (k + 1) / total);
                points.append(' ').append(fmt(px)).append(',').append(fmt(yBefore)).append(' ').append(fmt(px)).append(',').append(fmt(yAfter));
            }
            double yEnd = top + plotHeight * (1 - (double) values.length / total);
            points.append(' ').append(fmt(left + plotWidth)).append(',').append(fmt(yEnd));
            out.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"").append(points).append("\"/>\n");
            double legendY = top + 14 + i * 20;
            out.append("<line x1=\"").append(fmt(left + plotWidth + 16)).append("\" x2=\"").append(fmt(left + plotWidth + 40))
                    .append("\" y1=\"").append(fmt(legendY - 4)).append("\" y2=\"").append(fmt(legendY - 4)).append("\" stroke-width=\"3\" stroke=\"")
                    .append(colour).append("\"/><text x=\"").append(fmt(left + plotWidth + 46)).append("\" y=\"").append(fmt(legendY)).append("\">")
                    .append(Html.escape(range.label())).append("</text>\n");
        }
        return out.append("</svg>\n").toString();
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    private static String text(double value) {
        return Double.isNaN(value) ? "> 10 s" : fmt(value);
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "&gt;10 s";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}

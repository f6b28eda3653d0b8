package io.raftsim.scenarios.cli;

import io.raftsim.reports.build.BuildIdentity;
import io.raftsim.reports.html.HtmlTimeline;
import io.raftsim.reports.trace.JsonlTraceWriter;
import io.raftsim.reports.trace.TraceFooter;
import io.raftsim.reports.trace.TraceHeader;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioHash;
import io.raftsim.scenarios.format.ScenarioWriter;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.sim.trace.TraceSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trace and HTML outputs of one run: a JSON Lines trace written while the run goes (to
 * {@code --trace}, or to a temporary file when only {@code --html} is asked for), finished
 * with the run's result, then rendered to the timeline page.
 */
final class Tracing {
    private final Path tracePath;
    private final Path htmlPath;
    private final boolean temporaryTrace;
    private final JsonlTraceWriter writer;

    private Tracing(Path tracePath, Path htmlPath, boolean temporaryTrace, JsonlTraceWriter writer) {
        this.tracePath = tracePath;
        this.htmlPath = htmlPath;
        this.temporaryTrace = temporaryTrace;
        this.writer = writer;
    }

    /** Nothing is written when neither output is asked for. */
    static Tracing open(Path trace, Path html, Scenario scenario, long seed, String command) {
        if (trace == null && html == null) {
            return new Tracing(null, null, false, null);
        }
        Path path = trace;
        boolean temporary = false;
        if (path == null) {
            try {
                path = Files.createTempFile("raftsim-", ".jsonl");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary trace file: " + e.getMessage(), e);
            }
            temporary = true;
        }
        BuildIdentity build = BuildIdentity.current();
        TraceHeader header = new TraceHeader(build.tool(), seed, scenario.nodes(), scenario.clients().count(), ScenarioWriter.toTree(scenario), command,
                build.commit(), ScenarioHash.of(scenario));
        return new Tracing(path, html, temporary, JsonlTraceWriter.open(path, header));
    }

    TraceSink sink() {
        return writer == null ? TraceSink.NONE : writer;
    }

    /** Writes the footer, commits the trace, renders the page; returns what was written, for the summary. */
    String finish(ScenarioResult result) {
        if (writer == null) {
            return "";
        }
        StringBuilder written = new StringBuilder();
        try {
            writer.finish(footer(result));
            if (!temporaryTrace) {
                written.append("trace         ").append(TerminalText.safe(tracePath.toString())).append(" (").append(writer.eventCount()).append(" events)\n");
            }
            if (htmlPath != null) {
                HtmlTimeline.render(tracePath, htmlPath);
                written.append("timeline      ").append(TerminalText.safe(htmlPath.toString())).append('\n');
            }
        } finally {
            if (temporaryTrace) {
                try {
                    Files.deleteIfExists(tracePath);
                } catch (IOException ignored) {
                    // A leftover temporary file is harmless.
                }
            }
        }
        return written.toString();
    }

    static TraceFooter footer(ScenarioResult result) {
        return TraceFooter.of(result.run(), result.outcome().name(), result.property(), result.message());
    }
}

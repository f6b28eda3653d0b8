package io.raftsim.scenarios.cli;

import io.raftsim.reports.build.BuildIdentity;
import io.raftsim.reports.html.HtmlTimeline;
import io.raftsim.reports.io.AtomicFile;
import io.raftsim.reports.io.TemporaryFiles;
import io.raftsim.reports.trace.JsonlTraceWriter;
import io.raftsim.reports.trace.TraceFooter;
import io.raftsim.reports.trace.TraceHeader;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioHash;
import io.raftsim.scenarios.format.ScenarioWriter;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.sim.trace.TraceRecord;
import io.raftsim.sim.trace.TraceSink;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trace and HTML outputs of one run: a JSON Lines trace written while the run goes, then
 * finished with the run's result and rendered to the timeline page. The page is drawn from
 * the {@code --trace} file when that is a regular file; otherwise (no {@code --trace}, or a
 * trace sent to {@code -}, a device or a FIFO, which cannot be read back) from a second trace
 * in a temporary file, registered with {@link TemporaryFiles} so that even ^C deletes it.
 */
final class Tracing {

    private final Path tracePath;
    private final Path htmlPath;
    private final JsonlTraceWriter traceWriter;
    private final Path pageTracePath;
    private final JsonlTraceWriter pageTraceWriter;

    private Tracing(Path tracePath, Path htmlPath, JsonlTraceWriter traceWriter, Path pageTracePath, JsonlTraceWriter pageTraceWriter) {
        this.tracePath = tracePath;
        this.htmlPath = htmlPath;
        this.traceWriter = traceWriter;
        this.pageTracePath = pageTracePath;
        this.pageTraceWriter = pageTraceWriter;
    }

    /** Nothing is written when neither output is asked for. */
    static Tracing open(Path trace, Path html, Scenario scenario, long seed, String command) {
        BuildIdentity build = BuildIdentity.current();
        TraceHeader header = new TraceHeader(build.tool(), seed, scenario.nodes(), scenario.clients().count(), ScenarioWriter.toTree(scenario), command,
                build.commit(), ScenarioHash.of(scenario));
        JsonlTraceWriter traceWriter = trace == null ? null : JsonlTraceWriter.open(trace, header);
        if (html == null || trace != null && !AtomicFile.inPlace(trace)) {
            return new Tracing(trace, html, traceWriter, null, null);
        }
        Path pageTrace;
        try {
            pageTrace = Files.createTempFile("raftsim-", ".jsonl");
            TemporaryFiles.process().register(pageTrace);
        } catch (IOException e) {
            throw new UncheckedIOException("--html: cannot create a temporary trace file: " + e.getMessage(), e);
        }
        try {
            return new Tracing(trace, html, traceWriter, pageTrace, JsonlTraceWriter.open(pageTrace, header));
        } catch (RuntimeException e) {
            TemporaryFiles.process().delete(pageTrace);
            throw e;
        }
    }

    TraceSink sink() {
        if (traceWriter != null && pageTraceWriter != null) {
            return new Both(traceWriter, pageTraceWriter);
        }
        return traceWriter != null ? traceWriter : pageTraceWriter != null ? pageTraceWriter : TraceSink.NONE;
    }

    /**
     * Writes the footers, commits the trace, renders the page; each output that succeeds is
     * named on {@code said}, each that fails on stderr through {@code outputs}. Called after
     * the verdict is printed.
     */
    void finish(ScenarioResult result, Outputs outputs, PrintWriter said) {
        TraceFooter footer = footer(result);
        boolean traceWritten = traceWriter != null && outputs.write("--trace", () -> {
            traceWriter.finish(footer);
            said.println("trace         " + TerminalText.safe(tracePath.toString()) + " (" + traceWriter.eventCount() + " events)");
        });
        if (htmlPath == null) {
            return;
        }
        if (pageTraceWriter != null) {
            try {
                outputs.write("--html", () -> {
                    pageTraceWriter.finish(footer);
                    HtmlTimeline.render(pageTracePath, htmlPath);
                    said.println("timeline      " + TerminalText.safe(htmlPath.toString()));
                });
            } finally {
                TemporaryFiles.process().delete(pageTracePath);
            }
        } else if (traceWritten) {
            outputs.write("--html", () -> {
                HtmlTimeline.render(tracePath, htmlPath);
                said.println("timeline      " + TerminalText.safe(htmlPath.toString()));
            });
        } else {
            outputs.fail("--html", htmlPath + " not written: the page is drawn from the --trace file, which could not be written");
        }
        said.flush();
    }

    static TraceFooter footer(ScenarioResult result) {
        return TraceFooter.of(result.run(), result.outcome().name(), result.property(), result.message());
    }

    /** Sends every record to two traces: the user's, written in place, and the page's. */
    private record Both(TraceSink first, TraceSink second) implements TraceSink {
        @Override
        public void accept(TraceRecord traceRecord) {
            first.accept(traceRecord);
            second.accept(traceRecord);
        }

        @Override
        public void close() {
            first.close();
            second.close();
        }
    }
}

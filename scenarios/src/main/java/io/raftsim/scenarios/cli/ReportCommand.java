package io.raftsim.scenarios.cli;

import io.raftsim.reports.html.HtmlTimeline;
import io.raftsim.reports.trace.TraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code raftsim report TRACE --html FILE}: the HTML timeline of a recorded trace. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a JSON Lines trace (written by run --trace) as one self-contained HTML timeline.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "The trace file (.jsonl).")
    Path trace;

    @Option(names = "--html", required = true, paramLabel = "FILE", description = "Where to write the HTML page.")
    Path html;

    @Override
    public Integer call() {
        OutputPaths.check(html, "--html");
        OutputPaths.requireDistinct(List.of(new OutputPaths.Named("TRACE", trace)), List.of(new OutputPaths.Named("--html", html)));
        try {
            HtmlTimeline.render(trace, html);
        } catch (TraceFormatException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), "--html " + html + ": " + e.getMessage());
        }
        PrintWriter said = OutputPaths.anyStandardOutput(html) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        said.println("wrote " + html);
        said.flush();
        return ExitCode.PASSED;
    }
}

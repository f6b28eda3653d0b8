package io.raftsim.scenarios.cli;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.ClusterOutcome;
import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.reports.trace.JsonlTraceWriter;
import io.raftsim.reports.trace.TraceFooter;
import io.raftsim.reports.trace.TraceHeader;
import io.raftsim.sim.fault.FaultSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report} and {@code experiment}: they write their files, and bad input is one line with exit code 2. */
class ReportAndExperimentCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path writeTrace() {
        Path trace = dir.resolve("run.jsonl");
        ClusterSpec spec = ClusterSpec.defaults(3);
        TraceHeader header = new TraceHeader("raftsim test", 5, 3, spec.workload().clientCount(),
                JsonMapper.builder().build().createObjectNode().put("name", "tiny"), "./raftsim run tiny --seed 5");
        JsonlTraceWriter writer = JsonlTraceWriter.open(trace, header);
        Cluster cluster = new Cluster(spec, 5, writer);
        ClusterOutcome outcome = cluster.run(500_000, FaultSchedule.EMPTY, false);
        cluster.engine().finish();
        writer.finish(TraceFooter.of(outcome));
        return trace;
    }

    @Test
    void reportWritesTheTimeline() throws IOException {
        Path html = dir.resolve("run.html");
        assertEquals(ExitCode.PASSED, run("report", writeTrace().toString(), "--html", html.toString()));
        assertTrue(Files.readString(html).contains("tiny"));
        assertEquals("", err.toString());
    }

    @Test
    void reportOfAMalformedTraceIsOneLineNamingFileAndLine() throws IOException {
        Path trace = writeTrace();
        String text = Files.readString(trace);
        Files.writeString(trace, text.substring(0, text.lastIndexOf("{\"type\":\"footer\"")));
        Path html = dir.resolve("x.html");
        assertEquals(ExitCode.BAD_INPUT, run("report", trace.toString(), "--html", html.toString()));
        String message = err.toString().strip();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains(trace.toString()) && message.contains("without a footer"), message);
        assertFalse(Files.exists(html));
    }

    @Test
    void reportOfAMissingFileIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT, run("report", dir.resolve("none.jsonl").toString(), "--html", dir.resolve("n.html").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
    }

    @Test
    void experimentWritesCsvAndHtml() throws IOException {
        Path csv = dir.resolve("t.csv");
        Path html = dir.resolve("t.html");
        assertEquals(ExitCode.PASSED, run("experiment", "election-timing", "--trials", "3", "--seed", "2",
                "--csv", csv.toString(), "--html", html.toString()));
        assertEquals(1 + 3 * 11, Files.readAllLines(csv).size());
        assertTrue(Files.readString(html).contains("<svg"));
        assertTrue(out.toString().contains("| bottom | 12-24 ms | 3 |"), out.toString());
    }

    @Test
    void experimentBadInputIsOneLineAndExitCodeTwo() {
        for (String[] args : new String[][]{{"experiment", "election-timing", "--trials", "0"},
                {"experiment", "election-timing", "--trials", "-4"}, {"experiment", "nosuch"}}) {
            StringWriter errors = new StringWriter();
            int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(errors, true));
            assertEquals(ExitCode.BAD_INPUT, code, String.join(" ", args));
            assertEquals(1, errors.toString().strip().split("\n").length, errors.toString());
        }
    }
}

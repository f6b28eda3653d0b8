package io.raftsim.reports.html;

import io.raftsim.reports.TraceFixtures;
import io.raftsim.reports.trace.TraceFormatException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlTimelineTest {
    private static final String HOSTILE_NAME = "<script>alert(1)</script>";
    /** Screenshots stay here after the build, for a person to look at. */
    private static final Path SCREENSHOTS = Path.of("target", "timeline-screenshots");

    @TempDir
    Path dir;

    @Test
    void pageIsSelfContainedAndEscapesScenarioText() throws IOException {
        Path trace = dir.resolve("t.jsonl");
        Path html = dir.resolve("t.html");
        TraceFixtures.writeTrace(trace, 8, HOSTILE_NAME);
        HtmlTimeline.render(trace, html);
        String page = Files.readString(html);
        assertFalse(page.contains(HOSTILE_NAME), "the scenario name must never appear as markup");
        assertFalse(page.contains("alert(1)</script>"));
        assertEquals(2, count(page, "<script"), "exactly the data element and the page's own script");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"?https?:").matcher(page).find(), "no network resources");
    }

    @Test
    void capsTheEmbeddedArrowsAndSaysSo() throws IOException {
        Path trace = dir.resolve("t.jsonl");
        Path html = dir.resolve("t.html");
        TraceFixtures.writeTrace(trace, 8, "fixture");
        HtmlTimeline.render(trace, html, 100, 50);
        String page = Files.readString(html);
        assertTrue(page.contains("\"messagesShown\":50"), "arrows are capped");
        assertTrue(page.contains("\"stateCappedAtStep\":") && !page.contains("\"stateCappedAtStep\":-1"), "state events are capped");
    }

    @Test
    void malformedTraceIsReportedNotRendered() throws IOException {
        Path trace = dir.resolve("bad.jsonl");
        Files.writeString(trace, "not a trace\n");
        Path html = dir.resolve("bad.html");
        assertThrows(TraceFormatException.class, () -> HtmlTimeline.render(trace, html));
        assertFalse(Files.exists(html));
    }

    @Test
    void rendersInARealBrowserWithOneLanePerServerAndNoErrors() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find(dir);
        Assumptions.assumeTrue(chromium.isPresent(),
                "SKIPPED: no headless browser (/usr/bin/chromium); install the Debian package 'chromium' (.ci/run does) to run this test");
        Files.createDirectories(SCREENSHOTS);
        Path trace = dir.resolve("t.jsonl");
        Path html = SCREENSHOTS.resolve("timeline.html").toAbsolutePath();
        long steps = TraceFixtures.writeTrace(trace, 8, HOSTILE_NAME).run().steps();
        HtmlTimeline.render(trace, html);
        long middle = steps / 2;
        String url = html.toUri() + "#step=" + middle;

        HeadlessChromium.Output output = chromium.get().dumpDom(url);
        Matcher status = Pattern.compile("<div id=\"status\">([^<]*)</div>").matcher(output.dom());
        assertTrue(status.find(), "no status element in the DOM; stderr: " + tail(output.log()));
        String text = status.group(1);
        assertTrue(text.startsWith("ok lanes=" + TraceFixtures.SERVERS + " errors=0 step=" + middle + " "), text + "; log: " + tail(output.log()));
        for (String line : output.log().split("\n")) {
            boolean consoleError = line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("ERROR") || line.contains("Error"));
            assertFalse(consoleError, "console error: " + line);
        }
        // The hostile name is shown as text: escaped in the DOM, never as a script element.
        assertTrue(output.dom().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is displayed as text");
        assertEquals(2, count(output.dom(), "<script"));

        for (String step : List.of(Long.toString(middle), "120")) {
            Path png = SCREENSHOTS.resolve("timeline-step-" + step + ".png").toAbsolutePath();
            Files.deleteIfExists(png);
            chromium.get().screenshot(html.toUri() + "#step=" + step, png, 1400, 1000);
            assertTrue(Files.exists(png) && Files.size(png) > 10_000, "screenshot written: " + png);
        }
    }

    @Test
    void highlightsAViolationAtItsStep() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find(dir);
        Assumptions.assumeTrue(chromium.isPresent(), "SKIPPED: no headless browser (/usr/bin/chromium)");
        Files.createDirectories(SCREENSHOTS);
        Path trace = dir.resolve("v.jsonl");
        TraceFixtures.writeTrace(trace, 8, "violation");
        // A violation as the engine writes it, spliced in before the footer (the real model has no bug to find).
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(trace));
        String last = lines.get(lines.size() - 2);
        Matcher at = Pattern.compile("\"step\":(\\d+),\"t\":(\\d+)").matcher(last);
        assertTrue(at.find());
        lines.add(lines.size() - 1, "{\"type\":\"violation\",\"step\":" + at.group(1) + ",\"t\":" + at.group(2)
                + ",\"property\":\"ElectionSafety\",\"message\":\"two leaders in term 3: <b>1</b> and 4\"}");
        lines.set(lines.size() - 1, lines.get(lines.size() - 1).replace("\"result\":\"PASSED\"", "\"result\":\"SAFETY_VIOLATION\""));
        Files.write(trace, lines);
        Path html = SCREENSHOTS.resolve("violation.html").toAbsolutePath();
        HtmlTimeline.render(trace, html);

        HeadlessChromium.Output output = chromium.get().dumpDom(html.toUri().toString());
        assertTrue(output.dom().contains("ok lanes=5 errors=0 step=" + at.group(1) + " "), "opens at the violation: " + output.dom().length());
        assertTrue(output.dom().contains("ElectionSafety violated"));
        assertTrue(output.dom().contains("two leaders in term 3: &lt;b&gt;1&lt;/b&gt; and 4"), "the message is text");
        Path png = SCREENSHOTS.resolve("violation.png").toAbsolutePath();
        chromium.get().screenshot(html.toUri().toString(), png, 1400, 1000);
        assertTrue(Files.size(png) > 10_000);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    private static String tail(String log) {
        return log.length() <= 2000 ? log : log.substring(log.length() - 2000);
    }
}

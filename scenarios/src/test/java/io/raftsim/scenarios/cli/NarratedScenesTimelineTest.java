package io.raftsim.scenarios.cli;

import io.raftsim.reports.html.HeadlessChromium;
import io.raftsim.scenarios.catalogue.Catalogue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five scenes of the Raft explainers, rendered by {@code raftsim run SCENE --html} and
 * loaded in headless Chromium: each page must show its narration, its clients and its
 * election timers, with no script error and no log box too narrow for its term. A screenshot
 * of each scene at its last scenario note is left in target/timeline-screenshots (the ones in
 * docs/screenshots are copies of these).
 */
class NarratedScenesTimelineTest {
    static final Path SCREENSHOTS = Path.of("target", "timeline-screenshots");
    private static final Pattern STATUS = Pattern.compile("<div id=\"status\">([^<]*)</div>");
    /** The step of each note the page embeds: [step,t,source,"text"] with source 0 for the scenario's notes. */
    private static final Pattern SCENE_NOTE = Pattern.compile("\\[(\\d+),\\d+,0,\"");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"election-basic", "leader-crash", "split-vote", "log-replication", "partition-healing"})
    void eachSceneRendersWithItsNarrationClientsAndTimers(String scene) throws Exception {
        HeadlessChromium chromium = chromium();
        Files.createDirectories(SCREENSHOTS);
        Path html = SCREENSHOTS.resolve(scene + ".html").toAbsolutePath();
        assertEquals(0, run("run", scene, "--html", html.toString()), scene);
        String page = Files.readString(html);
        int sceneNotes = Catalogue.load(scene).notes().size();
        long lastNoteStep = -1;
        int embedded = 0;
        for (Matcher note = SCENE_NOTE.matcher(page); note.find(); ) {
            lastNoteStep = Long.parseLong(note.group(1));
            embedded++;
        }
        assertEquals(sceneNotes, embedded, scene + ": every note of the scene lands on a step of this run");

        String status = status(chromium.dumpDom(html.toUri() + "#step=" + lastNoteStep), scene);
        assertTrue(status.startsWith("ok "), status);
        assertTrue(status.contains(" errors=0 "), status);
        assertTrue(status.contains(" step=" + lastNoteStep + " "), status);
        assertTrue(status.contains(" clients=" + Catalogue.load(scene).clients().count() + " ") && !status.contains(" clients=0 "), status);
        assertTrue(count(status, "timers") > 0, "election timers drawn: " + status);
        assertTrue(count(status, "timerCells") > 0, "timers in the state panel: " + status);
        assertTrue(count(status, "storyShown") > 0, "the story bar shows the note of this step: " + status);
        assertEquals(sceneNotes, count(status, "sceneNotes"), status);
        assertEquals(0, count(status, "unmet"), status);
        assertEquals(0, count(status, "overflow"), "no log box too narrow for its term: " + status);

        Path png = SCREENSHOTS.resolve(scene + ".png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium.screenshot(html.toUri() + "#step=" + lastNoteStep, png, 1400, 1100);
        assertTrue(Files.exists(png) && Files.size(png) > 10_000, "screenshot written: " + png);
    }

    @Test
    void fourAndFiveDigitTermsFitTheirLogBoxes() throws Exception {
        HeadlessChromium chromium = chromium();
        Path scenario = dir.resolve("long-terms.json");
        Files.writeString(scenario, """
                {"name": "long-terms", "nodes": 3, "durationMs": 1000, "clients": {"count": 1},
                 "initialState": {
                   "n1": {"term": 12345, "log": [1000, 2024, 9999, 12345]},
                   "n2": {"term": 12345, "log": [1000, 2024, 9999, 12345]},
                   "n3": {"term": 9999, "log": [1000, 2024, 9999]}},
                 "expect": ["leaderElected"]}""");
        Path html = dir.resolve("long-terms.html").toAbsolutePath();
        assertEquals(0, run("run", scenario.toString(), "--html", html.toString()));
        String status = status(chromium.dumpDom(html.toUri() + "#t=900"), "long-terms");
        assertTrue(status.startsWith("ok ") && status.contains(" errors=0 "), status);
        assertTrue(count(status, "entries") >= 11, "log boxes rendered: " + status);
        assertEquals(0, count(status, "overflow"), "every term fits its box: " + status);
    }

    @Test
    void aTimeInTheLinkSelectsTheLastStepAtOrBeforeIt() throws Exception {
        HeadlessChromium chromium = chromium();
        Path html = dir.resolve("eb.html").toAbsolutePath();
        assertEquals(0, run("run", "election-basic", "--html", html.toString()));
        HeadlessChromium.Output output = chromium.dumpDom(html.toUri() + "#t=1000");
        Matcher where = Pattern.compile("<span id=\"where\">step (\\d+) of (\\d+) · t = ([0-9.]+) (ms|s)</span>").matcher(output.dom());
        assertTrue(where.find(), "where: " + status(output, "eb"));
        double ms = Double.parseDouble(where.group(3)) * (where.group(4).equals("s") ? 1000 : 1);
        assertTrue(ms <= 1000 && ms > 900, "a step shortly before 1 s (heartbeats every 50 ms): " + where.group());
        assertTrue(Long.parseLong(where.group(1)) < Long.parseLong(where.group(2)));
    }

    private static HeadlessChromium chromium() {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find(Path.of(System.getProperty("java.io.tmpdir")));
        Assumptions.assumeTrue(chromium.isPresent(),
                "SKIPPED: no headless browser (/usr/bin/chromium); install the Debian package 'chromium' (.ci/run does) to run this test");
        return chromium.get();
    }

    private static String status(HeadlessChromium.Output output, String scene) {
        Matcher status = STATUS.matcher(output.dom());
        assertTrue(status.find(), scene + ": no status element in the DOM; log: " + output.log());
        for (String line : output.log().split("\n")) {
            boolean consoleError = line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("ERROR") || line.contains("Error"));
            assertFalse(consoleError, scene + ": console error: " + line);
        }
        return status.group(1);
    }

    /** The number after {@code name=} in the page's status line. */
    private static int count(String status, String name) {
        Matcher value = Pattern.compile("(?:^| )" + name + "=(\\d+)").matcher(status);
        assertTrue(value.find(), name + " in " + status);
        return Integer.parseInt(value.group(1));
    }

    private static int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (code != 0) {
            System.err.println(out + "\n" + err);
        }
        return code;
    }
}

package io.raftsim.scenarios.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output rules of the README's "Outputs" section, through the command as a user runs it:
 * an output never replaces an input; special files and {@code -} are written in place, never
 * replaced; symbolic links are followed; the verdict comes before the outputs; inputs that are
 * not regular files are refused before they are opened; {@code replay} reads traces as strictly
 * as {@code report}.
 */
class OutputRulesTest {
    private static final String SHORT = "durationMs=1000";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path directory;

    private int raftsim(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private void assertOneLineOfBadInput(String what, String... named) {
        String message = err.toString();
        assertEquals(1, message.lines().count(), what + ": one line: " + message);
        assertTrue(message.startsWith("raftsim: "), what + ": " + message);
        assertFalse(message.contains("Exception") || message.contains("\tat "), what + ": " + message);
        for (String name : named) {
            assertTrue(message.contains(name), what + ": '" + message.strip() + "' should name " + name);
        }
    }

    private Path scenarioFile(String name) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, "{\"name\": \"small\", \"nodes\": 3, \"durationMs\": 1000}");
        return file;
    }

    private Path recordTrace(String name) {
        Path trace = directory.resolve(name);
        assertEquals(ExitCode.PASSED, raftsim("run", "election-basic", "--set", SHORT, "--trace", trace.toString()), err.toString());
        return trace;
    }

    // ---- 1. an output is never an input, nor another output ---------------------------------

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputIsKept() throws IOException {
        Path scenario = scenarioFile("s.json");
        String scenarioText = Files.readString(scenario);
        Path trace = recordTrace("t.jsonl");
        String traceText = Files.readString(trace);
        Path link = Files.createSymbolicLink(directory.resolve("link.json"), scenario);
        String s = scenario.toString();
        String t = trace.toString();
        String[][] cases = {
                {"run", s, "--trace", s},
                {"run", s, "--html", s},
                {"run", s, "--trace", link.toString()},
                {"run", link.toString(), "--html", directory.resolve("./s.json").toString()},
                {"report", t, "--html", t},
                {"sweep", s, "--seeds", "1..2", "--html", s},
                {"sweep", s, "--seeds", "1..2", "--shrink-out", s},
                {"shrink", s, "--out", s},
        };
        for (String[] args : cases) {
            String command = String.join(" ", args);
            assertEquals(ExitCode.BAD_INPUT, raftsim(args), command + " -> " + out + err);
            assertOneLineOfBadInput(command, "never replaces an input");
            assertEquals(scenarioText, Files.readString(scenario), command + " kept the scenario");
            assertEquals(traceText, Files.readString(trace), command + " kept the trace");
        }
    }

    @Test
    void twoOutputsInOneFileAreRefused() throws IOException {
        Path csv = directory.resolve("x.csv");
        Files.writeString(csv, "kept");
        assertEquals(ExitCode.BAD_INPUT, raftsim("experiment", "election-timing", "--trials", "1", "--csv", csv.toString(), "--html", csv.toString()));
        assertOneLineOfBadInput("--csv X --html X", "--html", "--csv");
        assertEquals("kept", Files.readString(csv));

        assertEquals(ExitCode.BAD_INPUT, raftsim("run", "election-basic", "--set", SHORT, "--trace", "-", "--html", "-"));
        assertOneLineOfBadInput("--trace - --html -", "standard output");
    }

    // ---- 2. special files and '-' are written in place; links are followed ---------------------

    @Test
    void aDeviceStaysADevice() {
        Path device = SpecialFiles.nullDevice(directory);
        assertEquals(ExitCode.PASSED, raftsim("run", "election-basic", "--set", SHORT, "--trace", device.toString(), "--html", device.toString()),
                out + " " + err);
        assertFalse(Files.isRegularFile(device), "the device was replaced by a regular file");
        assertTrue(out.toString().contains("timeline"), "the page was drawn from a trace of its own: " + out);
        assertEquals("", err.toString());
        assertTrue(leftovers().isEmpty(), "nothing left beside it: " + leftovers());
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a bound, not a measurement: a regression must fail, not hang on the FIFO
    void aFifoIsWrittenInPlaceToItsReader() throws Exception {
        Path fifo = SpecialFiles.fifo(directory, "pipe");
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (var in = Files.newInputStream(fifo)) {
                in.transferTo(received);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        reader.setDaemon(true); // should a regression never open the FIFO for writing, the reader must not keep the JVM alive
        reader.start();
        assertEquals(ExitCode.PASSED, raftsim("run", "election-basic", "--set", SHORT, "--html", fifo.toString()), err.toString());
        reader.join();
        assertTrue(received.toString(StandardCharsets.UTF_8).startsWith("<!DOCTYPE html>"), "the reader got the page");
        assertFalse(Files.isRegularFile(fifo), "the FIFO is still a FIFO");
    }

    @Test
    void aSymbolicLinkIsFollowedAndStaysALink() throws IOException {
        Path page = directory.resolve("real.html");
        Path link = Files.createSymbolicLink(directory.resolve("page.html"), page); // to a file that does not exist yet
        assertEquals(ExitCode.PASSED, raftsim("run", "election-basic", "--set", SHORT, "--html", link.toString()), err.toString());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertTrue(Files.readString(page).contains("election-basic"), "the page is where the link leads");

        assertEquals(ExitCode.PASSED, raftsim("run", "election-basic", "--set", SHORT, "--html", link.toString()), err.toString());
        assertTrue(Files.isSymbolicLink(link), "replacing the page keeps the link");

        Path chain = Files.createSymbolicLink(directory.resolve("chain.jsonl"), Path.of("sub/link.jsonl"));
        Files.createDirectories(directory.resolve("sub"));
        Files.createSymbolicLink(directory.resolve("sub/link.jsonl"), Path.of("trace.jsonl"));
        assertEquals(ExitCode.PASSED, raftsim("run", "election-basic", "--set", SHORT, "--trace", chain.toString()), err.toString());
        assertTrue(Files.isSymbolicLink(chain) && Files.isSymbolicLink(directory.resolve("sub/link.jsonl")), "both links stay links");
        assertTrue(Files.readString(directory.resolve("sub/trace.jsonl")).startsWith("{\"type\":\"header\""), "a relative link resolves beside itself");
    }

    @Test
    void dashIsStandardOutputAndTheSummaryMovesToStandardError() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertEquals(ExitCode.PASSED, raftsim("run", "election-basic", "--set", SHORT, "--trace", "-"), err.toString());
        } finally {
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("{\"type\":\"header\""), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith("{\"type\":\"footer\""), lines.get(lines.size() - 1));
        assertEquals("", out.toString(), "standard output holds the trace alone");
        assertTrue(err.toString().contains("result        PASSED"), err.toString());
        assertFalse(Files.exists(Path.of("-")), "no file named '-'");
    }

    // ---- 3. the verdict comes first ------------------------------------------------------------

    @Test
    void aViolationIsReportedWhenItsPageCannotBeWritten() {
        Path full = SpecialFiles.fullDevice(directory);
        int code = raftsim("run", "figure-8", "--bug", "COMMIT_PREVIOUS_TERM_BY_COUNTING", "--html", full.toString());
        assertEquals(ExitCode.VIOLATION, code, "the run's exit code: " + out + err);
        assertTrue(out.toString().contains("SAFETY_VIOLATION"), out.toString());
        assertTrue(out.toString().contains("replay: ./raftsim run figure-8 --seed"), out.toString());
        assertOneLineOfBadInput("--html on a full device", "--html", "No space left on device");
    }

    @Test
    void aTraceThatCannotBeWrittenIsNotAViolationOfTheRun() {
        Path full = SpecialFiles.fullDevice(directory);
        int code = raftsim("run", "election-basic", "--set", SHORT, "--trace", full.toString());
        assertTrue(out.toString().contains("result        PASSED"), "the run passed; a full disk is no Process Invariant: " + out);
        assertEquals(ExitCode.BAD_INPUT, code, "the run passed but its trace is missing");
        assertOneLineOfBadInput("--trace on a full device", "--trace", "No space left on device");
    }

    // ---- 4. nothing is left behind -----------------------------------------------------------

    @Test
    void aPageAloneLeavesNoTemporaryTrace() {
        Path page = directory.resolve("p.html");
        assertEquals(ExitCode.PASSED, raftsim("run", "election-basic", "--set", SHORT, "--html", page.toString()), err.toString());
        assertTrue(Files.isRegularFile(page));
        assertEquals(List.of(), io.raftsim.reports.io.TemporaryFiles.process().pending(), "every temporary file was deleted");
        assertTrue(leftovers().isEmpty(), leftovers().toString());
    }

    // ---- 5. inputs that are not regular files --------------------------------------------------

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a bound, not a measurement: opening a FIFO blocks until a writer comes, and none will
    void inputsThatAreNotRegularFilesAreRefusedBeforeTheyAreOpened() throws IOException {
        Path fifo = SpecialFiles.fifo(directory, "input");
        Path zero = SpecialFiles.zeroDevice(directory);
        List<String[]> cases = new ArrayList<>();
        for (Path input : List.of(fifo, zero)) {
            String name = input.toString();
            cases.add(new String[] {"run", name});
            cases.add(new String[] {"sweep", name, "--seeds", "1..2"});
            cases.add(new String[] {"merge", name});
            cases.add(new String[] {"replay", name});
            cases.add(new String[] {"report", name, "--html", directory.resolve("r.html").toString()});
        }
        for (String[] args : cases) {
            String command = String.join(" ", args);
            assertEquals(ExitCode.BAD_INPUT, raftsim(args), command + " -> " + out + err);
            assertOneLineOfBadInput(command, args[1], "not a regular file");
        }
        assertFalse(Files.exists(directory.resolve("r.html")));
    }

    // ---- 6. replay reads traces as strictly as report -------------------------------------------

    @Test
    void replayRejectsWhatReportRejects() throws IOException {
        Path trace = recordTrace("good.jsonl");
        List<String> lines = Files.readAllLines(trace);
        int middle = lines.size() / 2;
        List<String> blank = new ArrayList<>(lines);
        blank.add(middle, "");
        List<String> unknownType = new ArrayList<>(lines);
        unknownType.set(middle, lines.get(middle).replaceFirst("\"type\":\"[a-z]+\"", "\"type\":\"frobnicate\""));
        List<String> afterFooter = new ArrayList<>(lines);
        afterFooter.add(lines.get(1));
        List<String> lateBlank = new ArrayList<>(lines);
        lateBlank.set(middle, lines.get(middle).replaceFirst("\"t\":([0-9]+)", "\"t\":1$1"));
        lateBlank.add(lines.size() - 1, "");
        String[][] cases = {
                {"blank.jsonl", "line " + (middle + 1), "blank line"},
                {"unknown.jsonl", "line " + (middle + 1), "frobnicate"},
                {"after.jsonl", "line " + (lines.size() + 1), "after the footer"},
                {"late.jsonl", "line " + lines.size(), "blank line"},
        };
        List<List<String>> contents = List.of(blank, unknownType, afterFooter, lateBlank);
        for (int i = 0; i < cases.length; i++) {
            Path file = directory.resolve(cases[i][0]);
            Files.write(file, contents.get(i));
            assertEquals(ExitCode.BAD_INPUT, raftsim("report", file.toString(), "--html", directory.resolve("r.html").toString()), cases[i][0]);
            assertOneLineOfBadInput("report " + cases[i][0], cases[i][1], cases[i][2]);
            assertEquals(ExitCode.BAD_INPUT, raftsim("replay", file.toString()), cases[i][0] + ": " + out + err);
            assertOneLineOfBadInput("replay " + cases[i][0], cases[i][1], cases[i][2]);
            assertFalse(out.toString().contains("DIFFERS"), out.toString());
        }
        assertEquals(ExitCode.PASSED, raftsim("replay", trace.toString()), out.toString() + err);
    }

    /** Hidden temporary files ({@code .NAME*.tmp}) left in the test's directory. */
    private List<Path> leftovers() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

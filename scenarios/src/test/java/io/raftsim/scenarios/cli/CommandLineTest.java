package io.raftsim.scenarios.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command's exit codes, its summary, and its one-line answers to bad input. */
class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void runRandomPassesAndPrintsTheSummary() {
        assertEquals(ExitCode.PASSED, run("run", "random", "--seed", "7", "--duration-ms", "5000"));
        String summary = out.toString();
        assertTrue(summary.contains("result        PASSED"), summary);
        assertTrue(summary.matches("(?s).*digest\\s+[0-9a-f]{16}.*"), summary);
        assertEquals("", err.toString());
    }

    @Test
    void sameSeedPrintsTheSameDigest() {
        run("run", "random", "--seed", "11", "--duration-ms", "3000", "--json");
        run("run", "random", "--seed", "11", "--duration-ms", "3000", "--json");
        String[] lines = out.toString().split("\n");
        String first = lines[0].replaceAll("\"wallSeconds\":[0-9.]+", "");
        String second = lines[1].replaceAll("\"wallSeconds\":[0-9.]+", "");
        assertEquals(first, second);
        assertTrue(first.contains("\"replay\":\"./raftsim run random --seed 11 --nodes 5 --duration-ms 3000\""), first);
    }

    @Test
    void badInputGivesOneLineAndExitCodeTwo() {
        String[][] cases = {
                {"run", "nosuch"},
                {"run", "random", "--nodes", "0"},
                {"run", "random", "--nodes", "10000"},
                {"run", "random", "--seed", "abc"},
                {"run", "random", "--duration-ms", "-5"},
                {"run"},
                {"frobnicate"},
                {},
                {"bench", "--seconds", "0"},
        };
        for (String[] args : cases) {
            err.getBuffer().setLength(0);
            assertEquals(ExitCode.BAD_INPUT, run(args), String.join(" ", args));
            String message = err.toString();
            assertEquals(1, message.lines().count(), "one line for '" + String.join(" ", args) + "': " + message);
            assertTrue(message.startsWith("raftsim: "), message);
            assertTrue(!message.contains("Exception") && !message.contains("\tat "), message);
        }
    }

    @Test
    void helpIsAvailableOnEverySubcommand() {
        assertEquals(0, run("--help"));
        assertEquals(0, run("run", "--help"));
        assertEquals(0, run("bench", "--help"));
        assertTrue(out.toString().contains("Exit codes"));
    }
}

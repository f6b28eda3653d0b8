package io.raftsim.scenarios.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code raftsim conform}: one table for an implementation, its negative control caught, bad input one line and exit 2. */
class ConformCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void theProjectsOwnRaftConformsAndItsNegativeControlIsCaught() {
        int exit = run("conform", "raftsim", "--seeds", "2", "--sweep-seeds", "4", "--control-seeds", "300", "--threads", "1");
        String table = out.toString();
        assertEquals(0, exit, table + err);
        assertTrue(table.startsWith("conform raftsim: raftsim's own Raft"), table);
        assertTrue(table.contains("| figure-8 | PASSED | 2 of 2 seeds passed |"), table);
        assertTrue(table.contains("| random sweep | PASSED | 4 of 4 seeds passed |"), table);
        assertTrue(table.contains("| same seed, same run | PASSED |"), table);
        assertTrue(table.contains("| determinism scan | PASSED | 1 code root clean |"), table);
        assertTrue(table.matches("(?s).*\\| negative control \\| PASSED \\| DOUBLE_VOTE caught at seed \\d+ as Single Vote \\|.*"), table);
        assertTrue(table.contains("55 checks: 55 passed, 0 failed, 0 skipped"), table);
    }

    @Test
    void anUnknownImplementationIsOneLineAndExitTwo() {
        assertEquals(2, run("conform", "etcd"));
        assertEquals("raftsim: conform: unknown implementation 'etcd'; known: microraft, raftsim\n", err.toString());
    }

    @Test
    void aSettingTheImplementationRefusesIsOneLineAndExitTwo() {
        assertEquals(2, run("conform", "raftsim", "--setting", "snapshotEvery=10"));
        assertEquals("raftsim: --setting snapshotEvery=10: raftsim has no implementation settings\n", err.toString());
        assertEquals("", out.toString(), "nothing runs before the settings are known good");
    }
}
